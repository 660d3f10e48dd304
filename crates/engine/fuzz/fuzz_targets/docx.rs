//! Any bytes as a Word file: the DOCX reader (zip with caps, quick-xml) must return a
//! document or an error, never panic. Seeds are real .docx files; plain bytes are also
//! wrapped as word/document.xml in a stored zip, so the XML walker is fuzzed directly.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// A one-entry stored zip holding `xml` as word/document.xml.
fn stored_docx(xml: &[u8]) -> Vec<u8> {
    let name = b"word/document.xml";
    let crc = crc32(xml);
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (sig, is_central) in [(0x0403_4b50u32, false), (0x0201_4b50, true)] {
        let h = if is_central { &mut central } else { &mut out };
        h.extend_from_slice(&sig.to_le_bytes());
        if is_central {
            h.extend_from_slice(&20u16.to_le_bytes());
        }
        h.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        h.extend_from_slice(&crc.to_le_bytes());
        h.extend_from_slice(&(xml.len() as u32).to_le_bytes());
        h.extend_from_slice(&(xml.len() as u32).to_le_bytes());
        h.extend_from_slice(&(name.len() as u16).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        if is_central {
            h.extend_from_slice(&[0; 10]);
            h.extend_from_slice(&0u32.to_le_bytes());
        }
        h.extend_from_slice(name);
        if !is_central {
            h.extend_from_slice(xml);
        }
    }
    let offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"PK\x03\x04") {
        data.to_vec()
    } else {
        stored_docx(data)
    };
    if let Ok(doc) = engine::ingest::ingest(&bytes, "report.docx") {
        let _ = engine::findings::extract(&doc);
    }
});
