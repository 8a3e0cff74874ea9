//! The URL hook's signature: HMAC-SHA256 of the exact body with the
//! config's `secret`, sent as `X-Slotdesk-Signature: sha256=<hex>` (the
//! form GitHub's and Stripe's receivers check).

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The signature header's name.
pub const HEADER: &str = "X-Slotdesk-Signature";

/// `sha256=` and the lowercase hex HMAC-SHA256 of `body` under `secret`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Whether `header` is the signature of `body` under `secret`, compared in
/// constant time (what a receiver does; the tests' receiver uses it).
pub fn verify(secret: &str, body: &[u8], header: &str) -> bool {
    let Some(hex_mac) = header.trim().strip_prefix("sha256=") else {
        return false;
    };
    let Ok(bytes) = hex::decode(hex_mac) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_rfc_4231s_hmac_sha256() {
        // RFC 4231 test case 2.
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let body = br#"{"id":1}"#;
        let header = sign("s3cret", body);
        assert!(verify("s3cret", body, &header));
        assert!(!verify("other", body, &header));
        assert!(!verify("s3cret", br#"{"id":2}"#, &header));
        assert!(!verify("s3cret", body, "sha256=zz"));
        assert!(!verify("s3cret", body, ""));
    }
}
