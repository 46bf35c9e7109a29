//! The intrinsic size of an image file, read from its header (never decoding the pixels), so
//! that the browser reserves the image's box before it loads and the page does not jump.

use std::io::Read;
use std::path::Path;

/// Extensions whose header `imagesize` reads (with the features enabled in Cargo.toml).
const RASTER: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "heic", "heif", "bmp", "ico"];

/// How much of an SVG is read to find its root element.
const SVG_HEAD: u64 = 16 * 1024;

/// The width and height of the image at `path`, in CSS pixels; `Ok(None)` for a kind of file
/// whose size is not known here (a PDF, an SVG without a size). `Err` says why a file that should
/// have a size has none (unreadable, truncated, not what its extension says).
pub(super) fn dimensions(path: &Path) -> Result<Option<(u64, u64)>, String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "svg" {
        let mut head = Vec::new();
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        file.take(SVG_HEAD).read_to_end(&mut head).map_err(|e| e.to_string())?;
        return Ok(svg_size(&String::from_utf8_lossy(&head)));
    }
    if !RASTER.contains(&ext.as_str()) {
        return Ok(None);
    }
    match imagesize::size(path) {
        Ok(size) if size.width > 0 && size.height > 0 => Ok(Some((size.width as u64, size.height as u64))),
        Ok(_) => Err("its header gives no size".to_string()),
        Err(imagesize::ImageError::IoError(e)) => Err(e.to_string()),
        Err(_) => Err(format!("it is not a {} image this build can read", ext.to_ascii_uppercase())),
    }
}

/// The size an SVG declares on its root element: `width` and `height` in pixels (or unitless),
/// else the `viewBox`'s. Sizes in other units (`%`, `em`) say nothing about the aspect ratio
/// alone, so they fall back to the `viewBox` too.
fn svg_size(text: &str) -> Option<(u64, u64)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let px = |name: &str| {
        let value = attribute(tag, name)?;
        let number = value.strip_suffix("px").unwrap_or(value).trim();
        number.parse::<f64>().ok().filter(|n| *n > 0.0 && n.is_finite())
    };
    let (w, h) = match (px("width"), px("height")) {
        (Some(w), Some(h)) => (w, h),
        _ => {
            let parts: Vec<f64> = attribute(tag, "viewBox")?
                .split([' ', ','])
                .filter(|p| !p.is_empty())
                .map(str::parse)
                .collect::<Result<_, _>>()
                .ok()?;
            match parts[..] {
                [_, _, w, h] if w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite() => (w, h),
                _ => return None,
            }
        }
    };
    Some((w.round().max(1.0) as u64, h.round().max(1.0) as u64))
}

/// The value of attribute `name` in an opening tag, quoted with `"` or `'`.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = tag;
    loop {
        let i = rest.find(name)?;
        let before = rest[..i].chars().next_back();
        rest = &rest[i + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(after) = rest.trim_start().strip_prefix('=') else { continue };
        let after = after.trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        return after[1..].split(quote).next();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes() {
        let cases = [
            (r#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="220">"#, Some((640, 220))),
            (r#"<?xml version="1.0"?><!-- x --><svg viewBox="0 0 24 12">"#, Some((24, 12))),
            (r#"<svg width='100px' height='50.4px'>"#, Some((100, 50))),
            (r#"<svg width="100%" height="100%" viewBox="0,0,300,150">"#, Some((300, 150))),
            (r#"<svg data-width="3" stroke-width="2" viewBox="0 0 10 5">"#, Some((10, 5))),
            (r#"<svg width="100%">"#, None),
            (r#"<svg viewBox="0 0 0 10">"#, None),
            (r#"<svg viewBox="a b c d">"#, None),
            ("<html>", None),
            ("<svg width=\"3\"", None),
        ];
        for (svg, size) in cases {
            assert_eq!(svg_size(svg), size, "{svg}");
        }
    }

    #[test]
    fn raster_sizes_come_from_the_header() {
        let dir = tempfile::tempdir().unwrap();
        // A PNG's signature and IHDR chunk: 3 × 2 pixels. Nothing after it is read.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&3u32.to_be_bytes());
        png.extend_from_slice(&2u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0]);
        std::fs::write(dir.path().join("a.PNG"), &png).unwrap();
        assert_eq!(dimensions(&dir.path().join("a.PNG")), Ok(Some((3, 2))));

        std::fs::write(dir.path().join("b.png"), b"not a png at all").unwrap();
        let err = dimensions(&dir.path().join("b.png")).unwrap_err();
        assert!(err.contains("not a PNG image"), "{err}");

        std::fs::write(dir.path().join("c.png"), &png[..12]).unwrap();
        assert!(dimensions(&dir.path().join("c.png")).is_err(), "a truncated header");

        assert!(dimensions(&dir.path().join("missing.jpg")).is_err());
        std::fs::write(dir.path().join("d.pdf"), b"%PDF").unwrap();
        assert_eq!(dimensions(&dir.path().join("d.pdf")), Ok(None), "not an image: no size, no complaint");
    }
}
