use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;
fn main() {
    let t = std::time::Instant::now();
    let ss = SyntaxSet::load_defaults_newlines();
    eprintln!("load {:?}", t.elapsed());
    let langs = ["bash","sh","shell","console","json","yaml","toml","ini","python","javascript","js","typescript","ts","go","rust","java","c","cpp","cs","csharp","sql","html","css","dockerfile","diff","powershell","ps1","markdown"];
    for l in langs {
        let found = ss.find_syntax_by_token(l);
        print!("{l}:{} ", found.map(|s| s.name.as_str()).unwrap_or("-"));
    }
    println!();
    let code = "fn main() {\n    let x = \"hi\"; // c\n}\n".repeat(2000);
    let syn = ss.find_syntax_by_token("rust").unwrap();
    let t = std::time::Instant::now();
    let mut g = ClassedHTMLGenerator::new_with_class_style(syn, &ss, ClassStyle::SpacedPrefixed { prefix: "z-" });
    for line in LinesWithEndings::from(&code) { g.parse_html_for_line_which_includes_newline(line).unwrap(); }
    let html = g.finalize();
    eprintln!("6000 lines rust {:?} {} bytes", t.elapsed(), html.len());
}
