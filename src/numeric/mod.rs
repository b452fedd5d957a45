//! Small numerical routines the analyses share, dependency-free and pure: a Nelder–Mead
//! minimiser ([`optimize`]), dense linear algebra on small matrices ([`linalg`]) and
//! weighted least squares ([`regression`]) and statistics of weighted samples ([`weighted`]).

pub mod linalg;
pub mod optimize;
pub mod regression;
pub mod weighted;
