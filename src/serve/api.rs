//! The preview's search API: `GET /__freshdocs/search?q=…&lang=…&limit=…` answers with exactly
//! the JSON of `freshdocs search --format json`, about the build being served. Both go through
//! [`SiteSearch::search`], which rewrites a language's index first if its text changed since
//! the index was written, so a save is picked up by the next query even though `serve` rebuilds
//! without re-indexing.
//!
//! This module reads the query string and writes JSON; [`super::http`] sends it. Every refusal is
//! JSON too, `{"error": …, "help": …}`, with a status that says whose fault it is.
//!
//! # Why the theme's search box does not use this API
//!
//! In the preview the search box keeps fetching the static export (`search/<lang>/`) with
//! `search.js`, exactly as on the published site, because seeing what customers will get is the
//! point of a preview:
//!
//! - the static search is what customers get, and its own parts (fetching the shards of a letter,
//!   decompressing them, ranking in JavaScript, the A–Z fallback without JavaScript) are what can
//!   break without `freshdocs search` noticing; a box that asked this API would hide exactly that;
//! - it would show nothing new: the export carries the same statistics and `search.js` runs the
//!   same arithmetic as [`crate::search`], so both rank the same results (see its module docs);
//! - a theme that talked to the preview server would behave one way in the preview and another
//!   when published, and every custom theme would have to know about it.
//!
//! What the box gives up is freshness: after a save it searches the index as of its last
//! refresh. This API is for the rest: editor integrations and scripts that ask "what would a
//! customer find for …" about the text as last saved, without `freshdocs search` reading and
//! rendering the whole site again for every question.

use serde_json::json;

use crate::error::Error;
use crate::indexing::{DEFAULT_LIMIT, QueryError, SiteSearch};

/// Longest query answered, in characters: far more than anyone types into a search box, little
/// enough that one request cannot keep a worker thread busy for long.
const MAX_QUERY_CHARS: usize = 1000;

/// The status and JSON body of an answer.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: String,
}

/// Answers `query_string` (the part of the request target after `?`) from `search`, the build
/// being served (`None` while no build has succeeded).
pub(crate) fn search(query_string: &str, search: Option<&SiteSearch>) -> Answer {
    let request = match Request::parse(query_string) {
        Ok(request) => request,
        Err(refusal) => return refusal.answer(),
    };
    let Some(search) = search else {
        return Refusal::new(
            503,
            "the site has not been built yet".into(),
            "fix the errors the terminal shows and save: searches are answered once a build succeeds",
        )
        .answer();
    };
    match search.search(request.lang.as_deref(), &request.query, request.limit) {
        Ok(results) => Answer { status: 200, body: results.to_json() },
        Err(e) => Refusal::of(e).answer(),
    }
}

/// A search request, its parameters decoded and checked.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    /// `q`: what to look for; never blank.
    query: String,
    /// `lang`: the language to search; the site's default when absent or empty.
    lang: Option<String>,
    /// `limit`: how many results at most.
    limit: usize,
}

impl Request {
    /// Reads `q`, `lang` and `limit` from a query string (`application/x-www-form-urlencoded`, as
    /// a form or `URLSearchParams` writes it). Other parameters are ignored, so a cache-busting
    /// `&_=123` does no harm; one of ours given twice is refused rather than guessed at.
    fn parse(query_string: &str) -> Result<Request, Refusal> {
        let (mut query, mut lang, mut limit) = (None, None, None);
        for pair in query_string.split('&').filter(|pair| !pair.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = decode(name)?;
            let slot = match name.as_str() {
                "q" => &mut query,
                "lang" => &mut lang,
                "limit" => &mut limit,
                _ => continue,
            };
            if slot.replace(decode(value)?).is_some() {
                return Err(Refusal::new(400, format!("`{name}` is given twice"), "give each parameter once"));
            }
        }
        let query = query.filter(|q| !q.trim().is_empty()).ok_or_else(|| {
            Refusal::new(400, "nothing to search for: `q` is missing or empty".into(), "ask for ?q=refund")
        })?;
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(Refusal::new(
                400,
                format!("the query is longer than {MAX_QUERY_CHARS} characters"),
                "search for a few words",
            ));
        }
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(text) => text.parse().map_err(|_| {
                Refusal::new(400, format!("`limit={text}` is not a whole number"), "ask for e.g. limit=10")
            })?,
        };
        Ok(Request { query, lang: lang.filter(|l| !l.is_empty()), limit })
    }
}

/// A form-encoded name or value: `+` is a space, `%XX` a byte, and the bytes must be UTF-8.
fn decode(text: &str) -> Result<String, Refusal> {
    let bytes = super::files::percent_decode(&text.replace('+', " "));
    bytes.and_then(|bytes| String::from_utf8(bytes).ok()).ok_or_else(|| {
        Refusal::new(
            400,
            format!("`{text}` is not percent-encoded UTF-8"),
            "encode parameters as a browser does (`encodeURIComponent`)",
        )
    })
}

/// Why a search was not answered, as the JSON the caller gets.
struct Refusal {
    status: u16,
    error: String,
    help: String,
    /// The site's languages, when the one asked for is not among them.
    languages: Option<Vec<String>>,
}

impl Refusal {
    fn new(status: u16, error: String, help: &str) -> Refusal {
        Refusal { status, error, help: help.to_string(), languages: None }
    }

    fn of(e: QueryError) -> Refusal {
        let error = e.to_string();
        match e {
            QueryError::UnknownLanguage { known, .. } => {
                Refusal { languages: Some(known), ..Refusal::new(404, error, "pass one of those as `lang`") }
            }
            QueryError::Index(Error::Usage { message, help }) => Refusal::new(500, message, &help),
            QueryError::Index(_) => {
                Refusal::new(500, error, "save any file to build again, or restart `freshdocs serve`")
            }
        }
    }

    fn answer(self) -> Answer {
        let mut body = json!({"error": self.error, "help": self.help});
        if let Some(languages) = self.languages {
            body["languages"] = json!(languages);
        }
        Answer { status: self.status, body: serde_json::to_string_pretty(&body).unwrap_or_default() + "\n" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(query_string: &str) -> Request {
        Request::parse(query_string).unwrap_or_else(|r| panic!("{query_string:?} refused: {}", r.error))
    }

    #[test]
    fn parameters_are_decoded_as_a_form_sends_them() {
        for (query_string, query, lang, limit) in [
            ("q=refund", "refund", None, DEFAULT_LIMIT),
            ("q=reset+password&limit=3", "reset password", None, 3),
            ("q=a%2Bb", "a+b", None, DEFAULT_LIMIT),
            ("lang=fa&q=%D9%BE%D8%B1%D8%AF%D8%A7%D8%AE%D8%AA", "پرداخت", Some("fa"), DEFAULT_LIMIT),
            ("q=%E0%A4%AB%E0%A4%BE%E0%A4%87%E0%A4%B2&lang=hi", "फाइल", Some("hi"), DEFAULT_LIMIT),
            ("q=x&lang=&limit=0", "x", None, 0),
            ("q=x&_=1712&&utm", "x", None, DEFAULT_LIMIT),
            ("q=%20refund%20", " refund ", None, DEFAULT_LIMIT),
        ] {
            let request = parsed(query_string);
            assert_eq!(
                (request.query.as_str(), request.lang.as_deref(), request.limit),
                (query, lang, limit),
                "{query_string}"
            );
        }
    }

    #[test]
    fn bad_requests_are_refused_with_400() {
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        for (query_string, error) in [
            ("", "nothing to search for: `q` is missing or empty"),
            ("lang=fa", "nothing to search for: `q` is missing or empty"),
            ("q=", "nothing to search for: `q` is missing or empty"),
            ("q=+%20+", "nothing to search for: `q` is missing or empty"),
            ("q=a&q=b", "`q` is given twice"),
            ("q=a&limit=ten", "`limit=ten` is not a whole number"),
            ("q=a&limit=-1", "`limit=-1` is not a whole number"),
            ("q=%zz", "`%zz` is not percent-encoded UTF-8"),
            ("q=%D9", "`%D9` is not percent-encoded UTF-8"),
            ("q=%ff%fe", "`%ff%fe` is not percent-encoded UTF-8"),
            ("q=50%", "`50%` is not percent-encoded UTF-8"),
            (long.as_str(), "the query is longer than 1000 characters"),
        ] {
            match Request::parse(query_string) {
                Ok(request) => panic!("{query_string:?} was accepted: {request:?}"),
                Err(refusal) => assert_eq!((refusal.status, refusal.error.as_str()), (400, error), "{query_string}"),
            }
        }
    }

    #[test]
    fn refusals_are_json_and_nothing_is_answered_before_a_build() {
        let answer = search("q=refund", None);
        assert_eq!(answer.status, 503);
        let body: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(body["error"], "the site has not been built yet");
        assert!(body["help"].as_str().unwrap().contains("build succeeds"), "{body}");
        assert_eq!(search("q=", None).status, 400, "a bad request is bad whatever the build");
    }
}
