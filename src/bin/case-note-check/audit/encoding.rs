//! The CSV's character encoding: found from its first megabyte, then the
//! stream decoded to UTF-8 as it is read.
//!
//! - A byte-order mark decides: UTF-8, or UTF-16 (Excel's "Unicode Text").
//! - Else UTF-8 when the first megabyte is valid UTF-8 (a later byte that is
//!   not makes its row a bad row, with a hint to give `--encoding`).
//! - Else Windows-1252 (Excel's plain "CSV" on Windows) when every byte is one
//!   Windows-1252 defines, said on standard error.
//! - Else the file is refused, naming the first byte that fits neither.

use std::io::{self, Cursor, Read};

use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::args::Encoding;

/// How much is read to decide.
const SAMPLE: usize = 1 << 20;

/// A stream of UTF-8 (or, for UTF-8 input, of the file's own bytes).
pub struct Decoded {
    /// The text, byte-order mark removed.
    pub reader: Box<dyn Read + Send>,
    /// `utf-8`, `windows-1252`, `utf-16le` or `utf-16be`.
    pub encoding: &'static str,
    /// What standard error should say about the choice, if anything.
    pub note: Option<String>,
}

/// Decides the encoding of `raw` and returns a reader of its text.
pub fn decode(mut raw: Box<dyn Read + Send>, choice: Encoding, name: &str) -> Result<Decoded, String> {
    let mut sample = Vec::with_capacity(64 * 1024);
    (&mut raw).take(SAMPLE as u64).read_to_end(&mut sample).map_err(|e| format!("{name}: {e}"))?;
    let full = sample.len() == SAMPLE;
    let bom: Option<(&'static str, usize)> = match sample.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => Some(("utf-8", 3)),
        [0xFF, 0xFE, ..] => Some(("utf-16le", 2)),
        [0xFE, 0xFF, ..] => Some(("utf-16be", 2)),
        _ => None,
    };
    let utf8 = |sample: Vec<u8>, skip: usize, raw: Box<dyn Read + Send>, note| Decoded {
        reader: Box::new(Cursor::new(sample).chain(raw)).skip_bytes(skip),
        encoding: "utf-8",
        note,
    };
    let transcode = |sample: Vec<u8>, skip: usize, raw, encoding: &'static str, note| {
        let decoder = match encoding {
            "windows-1252" => WINDOWS_1252.new_decoder_without_bom_handling(),
            "utf-16be" => UTF_16BE.new_decoder_without_bom_handling(),
            _ => UTF_16LE.new_decoder_without_bom_handling(),
        };
        let inner = Box::new(Cursor::new(sample).chain(raw)).skip_bytes(skip);
        Decoded { reader: Box::new(Transcode::new(inner, decoder)), encoding, note }
    };
    match (choice, bom) {
        (Encoding::Utf8, _) | (Encoding::Auto, Some(("utf-8", _))) => {
            let skip = bom.filter(|b| b.0 == "utf-8").map_or(0, |b| b.1);
            Ok(utf8(sample, skip, raw, None))
        }
        (Encoding::Windows1252, _) => Ok(transcode(sample, 0, raw, "windows-1252", None)),
        (Encoding::Utf16, Some((e @ ("utf-16le" | "utf-16be"), skip))) | (Encoding::Auto, Some((e, skip))) => Ok(transcode(sample, skip, raw, e, None)),
        (Encoding::Utf16, _) => Ok(transcode(sample, 0, raw, "utf-16le", None)),
        (Encoding::Auto, None) => {
            let bad_utf8 = match std::str::from_utf8(&sample) {
                Ok(_) => None,
                // Cut off at the end of the sample: not an error.
                Err(e) if e.error_len().is_none() && full => None,
                Err(e) => Some(e.valid_up_to()),
            };
            let Some(at) = bad_utf8 else {
                return Ok(utf8(sample, 0, raw, None));
            };
            if looks_like_utf16(&sample) {
                return Err(format!("{name} looks like UTF-16 text without a byte-order mark; give --encoding utf-16, or save it as \"CSV UTF-8\""));
            }
            // Bytes Windows-1252 leaves undefined.
            if let Some(undefined) = sample.iter().position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)) {
                return Err(format!(
                    "{name} is not UTF-8 (byte 0x{:02X} at offset {at}) nor Windows-1252 (byte 0x{:02X} at offset {undefined}); \
                     save it from Excel as \"CSV UTF-8\", or give --encoding",
                    sample[at], sample[undefined]
                ));
            }
            let note = format!(
                "{name} is not UTF-8 (byte 0x{:02X} at offset {at}): reading it as Windows-1252, as Excel on Windows writes CSV \
                 (give --encoding to choose)",
                sample[at]
            );
            Ok(transcode(sample, 0, raw, "windows-1252", Some(note)))
        }
    }
}

/// Many NUL bytes at every other position: UTF-16 that lost its mark.
fn looks_like_utf16(sample: &[u8]) -> bool {
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    nuls * 4 > sample.len()
}

/// Skipping the first bytes of a reader (a byte-order mark).
trait SkipBytes: Read + Sized + Send + 'static {
    fn skip_bytes(self, n: usize) -> Box<dyn Read + Send> {
        let mut r = self;
        if n > 0 {
            let _ = io::copy(&mut (&mut r).take(n as u64), &mut io::sink());
        }
        Box::new(r)
    }
}

impl<R: Read + Send + 'static> SkipBytes for R {}

/// A reader decoding another's bytes to UTF-8 as it goes.
struct Transcode {
    inner: Box<dyn Read + Send>,
    decoder: Decoder,
    input: Vec<u8>,
    in_at: usize,
    in_end: usize,
    output: Vec<u8>,
    out_at: usize,
    out_end: usize,
    eof: bool,
    done: bool,
}

impl Transcode {
    fn new(inner: Box<dyn Read + Send>, decoder: Decoder) -> Transcode {
        Transcode {
            inner,
            decoder,
            input: vec![0; 16 * 1024],
            in_at: 0,
            in_end: 0,
            // Windows-1252 to UTF-8 at most triples; UTF-16 at most 3/2.
            output: vec![0; 64 * 1024],
            out_at: 0,
            out_end: 0,
            eof: false,
            done: false,
        }
    }
}

impl Read for Transcode {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_at < self.out_end {
                let n = buf.len().min(self.out_end - self.out_at);
                buf[..n].copy_from_slice(&self.output[self.out_at..self.out_at + n]);
                self.out_at += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if self.in_at == self.in_end && !self.eof {
                self.in_end = self.inner.read(&mut self.input)?;
                self.in_at = 0;
                self.eof = self.in_end == 0;
            }
            let (result, read, written, _) = self.decoder.decode_to_utf8(&self.input[self.in_at..self.in_end], &mut self.output, self.eof);
            self.in_at += read;
            self.out_at = 0;
            self.out_end = written;
            if self.eof && result == encoding_rs::CoderResult::InputEmpty {
                self.done = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8], choice: Encoding) -> Result<(String, &'static str, bool), String> {
        let d = decode(Box::new(Cursor::new(bytes.to_vec())), choice, "x.csv")?;
        let mut s = String::new();
        let mut r = d.reader;
        r.read_to_string(&mut s).map_err(|e| e.to_string())?;
        Ok((s, d.encoding, d.note.is_some()))
    }

    #[test]
    fn utf8_with_and_without_a_bom() {
        assert_eq!(text(b"a,b\n\xC3\xA9", Encoding::Auto).unwrap(), ("a,b\né".into(), "utf-8", false));
        assert_eq!(text(b"\xEF\xBB\xBFa,b", Encoding::Auto).unwrap(), ("a,b".into(), "utf-8", false));
        assert_eq!(text(b"\xEF\xBB\xBFa,b", Encoding::Utf8).unwrap(), ("a,b".into(), "utf-8", false));
    }

    #[test]
    fn windows_1252_is_detected_and_decoded() {
        let (s, e, noted) = text(b"id,text\n1,Zo\xEB\x92s caf\xE9 \x93visit\x94 \x80", Encoding::Auto).unwrap();
        assert_eq!((s.as_str(), e, noted), ("id,text\n1,Zoë’s café “visit” €", "windows-1252", true));
    }

    #[test]
    fn bytes_that_fit_neither_are_refused_clearly() {
        let e = text(b"id,text\n1,caf\xE9 \x81", Encoding::Auto).unwrap_err();
        assert!(e.contains("is not UTF-8 (byte 0xE9 at offset 13) nor Windows-1252 (byte 0x81 at offset 15)"), "{e}");
        assert!(e.contains("CSV UTF-8"), "{e}");
    }

    #[test]
    fn utf16_by_its_mark_or_when_asked() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("id,text\n1,Zoë".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(text(&le, Encoding::Auto).unwrap(), ("id,text\n1,Zoë".into(), "utf-16le", false));
        let mut be = vec![0xFE, 0xFF];
        be.extend("a,é".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(text(&be, Encoding::Auto).unwrap().0, "a,é");
        let bare: Vec<u8> = "id,text\n1,Zoë".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(text(&bare, Encoding::Auto).unwrap_err().contains("UTF-16"));
        assert_eq!(text(&bare, Encoding::Utf16).unwrap().0, "id,text\n1,Zoë");
    }

    #[test]
    fn a_long_stream_decodes_whole() {
        let line = b"1,caf\xE9 visit \x96 seen alone\n";
        let input: Vec<u8> = line.iter().copied().cycle().take(line.len() * 20_000).collect();
        let (s, e, _) = text(&input, Encoding::Auto).unwrap();
        assert_eq!(e, "windows-1252");
        assert_eq!(s.lines().count(), 20_000);
        assert!(s.lines().all(|l| l == "1,café visit – seen alone"));
    }
}
