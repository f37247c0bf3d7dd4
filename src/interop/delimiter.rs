//! Which character separates a CSV file's fields: `,`, `;` (Italian spreadsheets and bank or
//! ERP exports, where the comma is the decimal mark) or a tab, read from the header line, or
//! given with `--delimiter` (PRODUCT.md §8.4).

/// The separators coltiva detects.
const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];

/// The separator of a file whose first line is its header: the candidate that occurs most
/// often outside quotes on that line; a comma when none occurs or on a tie (the CSV default).
pub fn detect(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    // The first candidate with the highest count: a tie goes to the comma.
    let best =
        (0..CANDIDATES.len()).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    CANDIDATES[best]
}

/// The separator given with `--delimiter`: `,`, `;`, `tab` (or a tab character) or `|`.
pub fn parse(text: &str) -> Result<u8, String> {
    match text {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "tab" | "\t" | "\\t" => Ok(b'\t'),
        "|" => Ok(b'|'),
        _ => Err(format!(
            "--delimiter: unknown separator {text:?} (expected \",\", \";\", tab or \"|\")"
        )),
    }
}

/// How a separator is named in messages.
pub fn name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tab".to_string(),
        other => format!("{:?}", other as char),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_header_separator() {
        let table: [(&str, u8); 8] = [
            (
                "Cliente;Data;Importo;Numero\nrossi;20/11/2026;1.250,40;7\n",
                b';',
            ),
            ("customer,type,at\nacme,order,2026-11-20\n", b','),
            ("customer\ttype\tat\n", b'\t'),
            ("\"Ragione sociale, sede\";Data\n", b';'),
            ("\"a;b\",c\n", b','),
            ("customer\n", b','),
            ("", b','),
            ("a;b,c\nx;y;z;w\n", b','),
        ];
        for (text, want) in table {
            assert_eq!(detect(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn parses_the_flag() {
        assert_eq!(parse(";"), Ok(b';'));
        assert_eq!(parse("tab"), Ok(b'\t'));
        assert_eq!(parse(","), Ok(b','));
        assert_eq!(
            parse("::"),
            Err(
                "--delimiter: unknown separator \"::\" (expected \",\", \";\", tab or \"|\")"
                    .into()
            )
        );
        assert_eq!(name(b'\t'), "tab");
        assert_eq!(name(b';'), "';'");
    }
}
