use giallo::{HighlightOptions, Registry, ThemeVariant};
fn main() {
    let t = std::time::Instant::now();
    let mut r = Registry::builtin().unwrap();
    r.link_grammars();
    eprintln!("load {:?}", t.elapsed());
    let langs = ["bash","sh","shell","console","json","yaml","toml","ini","python","javascript","js","typescript","ts","go","rust","java","c","cpp","cs","csharp","sql","html","css","dockerfile","diff","powershell","ps1","markdown"];
    for l in langs { print!("{l}:{} ", if r.contains_grammar(l) {"yes"} else {"-"}); }
    println!();
    let code = "fn main() {\n    let x = \"hi\"; // c\n}\n".repeat(2000);
    let t = std::time::Instant::now();
    let h = r.highlight(&code, &HighlightOptions::new("rust", ThemeVariant::Single("catppuccin-latte"))).unwrap();
    eprintln!("6000 lines rust {:?} {}", t.elapsed(), std::mem::size_of_val(&h));
}
