//! The JSON Schema of the values the raw mirror keeps as spanned TOML (`RawValue`): a
//! number or a distribution table, churn with its sBG form, a tier's spend, numbers by tier
//! or plan name, and lists by calendar month.
//!
//! These types exist only to be named in `#[schemars(with = "...")]` on the fields of
//! [`super`]; each one describes exactly the forms its validator accepts
//! (`validate/params.rs`, `validate/named.rs`, `validate/reseller.rs`, ...), so an editor
//! offers what the loader takes. Their schemas become shared definitions, referenced by
//! every field that takes the form.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// `{ form = [n₁, n₂, ...] }`: a table with one key whose value is `n` numbers.
fn numbers_table(form: &str, n: usize, meaning: &str) -> serde_json::Value {
    serde_json::json!({
        "type": "object",
        "description": meaning,
        "properties": { form: { "type": "array", "items": { "type": "number" }, "minItems": n, "maxItems": n } },
        "required": [form],
        "additionalProperties": false,
    })
}

/// `{ median = m, ci90 = [low, high] }` with the median optional.
fn median_ci90(meaning: &str) -> serde_json::Value {
    serde_json::json!({
        "type": "object",
        "description": meaning,
        "properties": {
            "median": { "type": "number" },
            "ci90": { "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 2 },
        },
        "required": ["ci90"],
        "additionalProperties": false,
    })
}

/// The distribution forms of an uncertain parameter, drawn once per trajectory.
fn distribution_forms() -> Vec<serde_json::Value> {
    vec![
        numbers_table("beta", 2, "Beta(a, b): { beta = [a, b] }, the natural form for a rate"),
        numbers_table("uniform", 2, "uniform: { uniform = [low, high] }"),
        numbers_table("normal", 2, "normal: { normal = [mean, sd] }"),
        serde_json::json!({
            "type": "object",
            "description": "lognormal: { lognormal = { median = m, ci90 = [low, high] } }",
            "properties": { "lognormal": median_ci90("the median and the 90% interval") },
            "required": ["lognormal"],
            "additionalProperties": false,
        }),
        numbers_table(
            "ci90",
            2,
            "the 90% interval shorthand: { ci90 = [low, high] }, lognormal with median √(low·high)",
        ),
        numbers_table("triangular", 3, "triangular: { triangular = [min, mode, max] }"),
    ]
}

/// A schema-only type: its name and its schema.
macro_rules! form {
    ($(#[$doc:meta])* $name:ident, |$generator:ident| $schema:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema($generator: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

form!(
    /// A distribution table (one of six forms).
    Distribution,
    |_generator| json_schema!({
        "description": "a distribution, drawn once per trajectory: { beta = [a, b] }, { uniform = [low, high] }, { normal = [mean, sd] }, { lognormal = { median = m, ci90 = [low, high] } }, { ci90 = [low, high] } or { triangular = [min, mode, max] }",
        "anyOf": distribution_forms(),
    })
);

form!(
    /// A number, or a distribution table.
    NumberOrDistribution,
    |generator| {
        let distribution = generator.subschema_for::<Distribution>();
        json_schema!({
            "description": "a number, or a distribution table: { beta = [a, b] }, { uniform = [low, high] }, { normal = [mean, sd] }, { lognormal = { median = m, ci90 = [low, high] } }, { ci90 = [low, high] }, { triangular = [min, mode, max] }",
            "anyOf": [{ "type": "number" }, distribution],
        })
    }
);

form!(
    /// Churn: a rate, a distribution of the rate, or `{ sbg = [alpha, beta] }`.
    Churn,
    |generator| {
        let distribution = generator.subschema_for::<Distribution>();
        json_schema!({
            "description": "monthly churn: a probability (0.10 = 10%), a distribution of it ({ beta = [2, 18] }), or { sbg = [alpha, beta] } for churn that differs by customer (shifted-beta-geometric)",
            "anyOf": [
                { "type": "number" },
                distribution,
                numbers_table("sbg", 2, "shifted-beta-geometric: each customer's churn drawn from Beta(alpha, beta)"),
            ],
        })
    }
);

form!(
    /// A tier's spend: a number, or a lognormal from a 90% interval (and a median).
    Spend,
    |generator| {
        let distribution = generator.subschema_for::<Distribution>();
        let per_customer = median_ci90("lognormal per customer: the 90% interval, and the median (default √(low·high))");
        json_schema!({
            "description": "a new customer's monthly platform spend in dollars: a number (everyone the same), or a lognormal drawn per customer: { median = 120, ci90 = [60, 300] } or { ci90 = [60, 300] }; the median may itself be uncertain, drawn once per trajectory: { median = { ci90 = [80, 200] }, ci90 = [60, 300] }",
            "anyOf": [
                { "type": "number" },
                per_customer,
                {
                    "type": "object",
                    "description": "lognormal per customer around an uncertain median",
                    "properties": {
                        "median": distribution,
                        "ci90": { "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 2 },
                    },
                    "required": ["median", "ci90"],
                    "additionalProperties": false,
                },
                {
                    "type": "object",
                    "description": "the same in the general form: { lognormal = { median = 120, ci90 = [60, 300] } }",
                    "properties": { "lognormal": per_customer },
                    "required": ["lognormal"],
                    "additionalProperties": false,
                },
            ],
        })
    }
);

form!(
    /// Bills already had: one number, or a table by tier or plan name.
    TenureMonths,
    |_generator| json_schema!({
        "description": "bills already had: one whole number for everyone, or a table by tier or plan name ({ starter = 2, studio = 5 })",
        "anyOf": [
            { "type": "integer", "minimum": 0 },
            { "type": "object", "additionalProperties": { "type": "integer", "minimum": 0 } },
        ],
    })
);

form!(
    /// Hours in calendar month 1, or a list by calendar month.
    HoursByMonth,
    |_generator| json_schema!({
        "description": "hours in calendar month 1, or a list by calendar month ([18, 6, 4])",
        "anyOf": [{ "type": "number" }, { "type": "array", "items": { "type": "number" } }],
    })
);

form!(
    /// Pieces a month: a whole number every month, or a list by calendar month.
    PiecesPerMonth,
    |_generator| json_schema!({
        "description": "a whole number of pieces every simulated month, or a list by calendar month ([2, 1, 1]; its last entry continues, end it with 0 to stop)",
        "anyOf": [
            { "type": "integer", "minimum": 0 },
            { "type": "array", "items": { "type": "integer", "minimum": 0 } },
        ],
    })
);
