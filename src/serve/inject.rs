//! What the preview server adds to the HTML pages it serves: the live-reload script, and while the
//! last build failed, an overlay with its errors.
//!
//! Only responses are changed, never the files of the built site: `freshdocs build` output has
//! neither.

use crate::markdown::escape;

/// The path the reload script listens on (Server-Sent Events).
pub(crate) const EVENTS_PATH: &str = "/__freshdocs/events";

/// The attribute marking the injected script, so tests and curious writers can find it.
pub(crate) const SCRIPT_MARKER: &str = "data-freshdocs-live-reload";

/// The id of the error overlay.
pub(crate) const OVERLAY_ID: &str = "freshdocs-build-error";

/// Adds the reload script (and the overlay, when `error` is set) before the last `</body>`, or
/// at the end of a page that has none.
pub(crate) fn inject(html: &[u8], version: &str, error: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(error) = error {
        extra.push_str(&overlay(error));
    }
    extra.push_str(&script(version));
    let at = find_last_ascii_ci(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Reloads the page when the server reports a build other than the one the page came from
/// (`version` changes with every build, and with every start of the server). `EventSource`
/// reconnects by itself when the server restarts.
fn script(version: &str) -> String {
    format!(
        "<script {SCRIPT_MARKER}>(function(){{var v=\"{version}\";var s=new EventSource(\"{EVENTS_PATH}\");\
         s.onmessage=function(e){{if(e.data!==v){{s.close();location.reload();}}}};}})();</script>\n",
        version = escape(version)
    )
}

/// A banner over the page with the build errors, left to right whatever the page's direction.
fn overlay(error: &str) -> String {
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" dir=\"ltr\" style=\"position:fixed;top:0;left:0;right:0;\
         z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#fff1f0;\
         color:#5c0011;border-bottom:3px solid #cf1322;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;\
         text-align:left;white-space:pre-wrap;box-shadow:0 2px 8px rgba(0,0,0,.2)\">\
         <button type=\"button\" onclick=\"this.parentNode.remove()\" aria-label=\"Hide\" \
         style=\"float:right;font:inherit;background:none;border:0;cursor:pointer\">✕</button>\
         <strong>The build failed; this is the last good version of the site.</strong> \
         Fix the problem and save: the page reloads by itself.\n\n{}</div>\n",
        escape(error)
    )
}

fn find_last_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let page = inject(b"<html><body><p>a</p></BODY></html>", "1-2", None);
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<html><body><p>a</p><script data-freshdocs-live-reload>"), "{page}");
        assert!(page.ends_with("</script>\n</BODY></html>"), "{page}");
        assert!(page.contains("var v=\"1-2\""));
        assert!(!page.contains(OVERLAY_ID));
    }

    #[test]
    fn pages_without_body_get_the_script_at_the_end() {
        let page = String::from_utf8(inject(b"<p>bare", "1", None)).unwrap();
        assert!(page.starts_with("<p>bare<script"));
    }

    #[test]
    fn the_overlay_escapes_the_error() {
        let page = inject(b"<body></body>", "1", Some("content/a.md:2:1: bad <script>alert(1)</script> & \"x\""));
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains(OVERLAY_ID));
        assert!(page.contains("content/a.md:2:1: bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        assert!(!page.contains("<script>alert"));
    }
}
