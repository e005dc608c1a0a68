//! dubbelkoll: checks questionnaire submissions before they are compiled.
//!
//! The pipeline runs in stages, one module each: [`source`] finds and decodes
//! files, [`normalize`] turns them into canonical text mapped back to the
//! source, [`form`] parses that text against the form template, [`rules`]
//! report findings, and [`report`] renders them.

pub mod baseline;
pub mod bounded;
pub mod bytes;
pub mod cache;
pub mod check;
pub mod choice;
pub mod compile;
pub mod config;
pub mod corpus;
pub mod decisions;
pub mod finding;
pub mod form;
pub mod guard;
pub mod i18n;
pub mod infer;
pub mod letters;
pub mod normalize;
pub mod report;
pub mod review;
pub mod round;
pub mod rules;
pub mod serve;
pub mod source;
pub mod text;
pub mod versions;
