//! Other tools' Markdown (`content::shortcodes`, `content::blocks`): whatever the
//! body, Hugo's shortcodes are turned into Markdown without a panic and with every line kept in its
//! place, and the blocks' lines each name a line of the body they come from.

use proptest::prelude::*;

use super::{config, text_of};
use crate::content::{blocks, shortcodes};

const PIECES: &[&str] = &[
    "{{<",
    ">}}",
    "{{%",
    "%}}",
    "{{</*",
    "*/>}}",
    "/",
    " ",
    "tab",
    "tabs",
    "tabpane",
    "note",
    "hint",
    "details",
    "ref",
    "figure",
    "youtube",
    "x",
    "\"",
    "`",
    "```",
    "=",
    "title=",
    "items=",
    ",",
    ":::",
    "::::",
    "tip",
    "warning",
    "code-group",
    "[",
    "]",
    "{open}",
    "!!!",
    "???",
    "===",
    "<Tabs>",
    "</Tabs>",
    "<Tabs values={[{label: 'A', value: 'a'}]}>",
    "<TabItem value=\"a\">",
    "<TabItem label=\"B\" default>",
    "</TabItem>",
    "<Note>",
    "</Note>",
    "<Admonition type=\"tip\">",
    "</Admonition>",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "é",
    "ا",
    "ह",
    "\u{200C}",
];

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn shortcodes_keep_every_line_in_its_place(body in text_of(PIECES, 40)) {
        if let Some((text, problems)) = shortcodes::apply(&body) {
            prop_assert_eq!(text.split('\n').count(), body.split('\n').count(), "{:?} → {:?}", body, text);
            let lines = body.split('\n').count();
            prop_assert!(problems.iter().all(|(line, _)| *line < lines), "{:?}", problems);
        }
    }

    #[test]
    fn every_block_line_names_a_line_of_the_body(body in text_of(PIECES, 40)) {
        let body = shortcodes::apply(&body).map_or(body, |(text, _)| text);
        if let Some(lines) = blocks::convert(&body) {
            let count = body.lines().count();
            prop_assert!(lines.iter().all(|&(_, origin)| origin < count.max(1)), "{:?} → {:?}", body, lines);
        }
    }
}
