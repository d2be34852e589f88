//! Identities: a signed token on every request. The token is `base64url(claims JSON) "." base64url(tag)`
//! where the tag is HMAC-SHA256 over the claims' bytes with the host's key (from configuration, never in
//! code). The host checks the signature, the expiry against its own clock, the ledger, and that the nonce
//! was never seen (a replayed request is refused).

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::error::HostError;

/// The longest a token may live: the host keeps each nonce until its token expires.
pub const MAX_TOKEN_SECONDS: i64 = 3600;

/// Who acts: a person (a sharer or a beneficiary) or a settlement system (a hospital or pharmacy, which in
/// this example also carries the agency's account feed: registering persons, credits, reviews).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Person,
    Settlement,
}

/// What a token says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// A person id of the ledger, or the institution id of a settlement system.
    pub sub: String,
    pub role: Role,
    pub ledger: String,
    /// Unix seconds.
    pub exp: i64,
    /// Unique per request.
    pub nonce: String,
}

/// Signs and verifies tokens with one key.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    /// A key of at least 32 bytes.
    pub fn new(key: &[u8]) -> Result<Signer, String> {
        if key.len() < 32 {
            return Err("the signing key must have at least 32 bytes".into());
        }
        Ok(Signer { key: key.to_vec() })
    }

    fn mac(&self) -> Hmac<Sha256> {
        Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length")
    }

    pub fn sign(&self, claims: &Claims) -> String {
        let body = serde_json::to_vec(claims).unwrap_or_default();
        let mut mac = self.mac();
        mac.update(&body);
        let tag = mac.finalize().into_bytes();
        format!("{}.{}", B64.encode(&body), B64.encode(tag))
    }

    /// The claims of a well-signed, unexpired token (the nonce and ledger are checked by the caller).
    pub fn verify(&self, token: &str, now_unix: i64) -> Result<Claims, HostError> {
        let invalid = || HostError::token_invalid("authorization");
        let (body, tag) = token.split_once('.').ok_or_else(invalid)?;
        let body = B64.decode(body).map_err(|_| invalid())?;
        let tag = B64.decode(tag).map_err(|_| invalid())?;
        let mut mac = self.mac();
        mac.update(&body);
        mac.verify_slice(&tag).map_err(|_| invalid())?;
        let claims: Claims = serde_json::from_slice(&body).map_err(|_| invalid())?;
        if claims.nonce.is_empty() || claims.nonce.len() > 100 || claims.sub.is_empty() {
            return Err(invalid());
        }
        if claims.exp <= now_unix || claims.exp > now_unix + MAX_TOKEN_SECONDS {
            return Err(HostError::token_expired("authorization"));
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            sub: "xm".into(),
            role: Role::Person,
            ledger: "f1".into(),
            exp: 1000,
            nonce: "n1".into(),
        }
    }

    #[test]
    fn a_signed_token_verifies_and_a_tampered_one_does_not() {
        let s = Signer::new(&[7; 32]).unwrap();
        let t = s.sign(&claims());
        assert_eq!(s.verify(&t, 900).unwrap(), claims());
        // The claims changed (a settlement role) under the same tag: refused.
        let mut other = claims();
        other.role = Role::Settlement;
        let forged = format!(
            "{}.{}",
            s.sign(&other).split('.').next().unwrap(),
            t.split('.').nth(1).unwrap()
        );
        assert_eq!(
            s.verify(&forged, 900).unwrap_err().doc.code,
            "TOKEN_INVALID"
        );
        // Signed with another key: refused.
        let t2 = Signer::new(&[8; 32]).unwrap().sign(&claims());
        assert_eq!(s.verify(&t2, 900).unwrap_err().doc.code, "TOKEN_INVALID");
        assert_eq!(s.verify("junk", 900).unwrap_err().doc.code, "TOKEN_INVALID");
    }

    #[test]
    fn expired_and_too_long_tokens_are_refused() {
        let s = Signer::new(&[7; 32]).unwrap();
        let t = s.sign(&claims());
        assert_eq!(s.verify(&t, 1000).unwrap_err().doc.code, "TOKEN_EXPIRED");
        assert_eq!(
            s.verify(&t, 1000 - MAX_TOKEN_SECONDS - 1)
                .unwrap_err()
                .doc
                .code,
            "TOKEN_EXPIRED"
        );
        assert!(Signer::new(b"short").is_err());
    }
}
