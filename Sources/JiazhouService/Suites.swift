public import JiazhouCore
import JiazhouNationalCrypto

extension SuiteCatalog {
    /// Every hash suite this build of jiazhou knows (Ledger/SPEC.md §14):
    /// `sha256-ed25519`, the default, and `sm3-sm2` through the system's
    /// libcrypto. When that libcrypto offers no SM3 or SM2, `sm3-sm2` is
    /// still named, and asking for it says why it cannot be used.
    public static let standard: SuiteCatalog = {
        do throws(NationalCryptoError) {
            return SuiteCatalog([.sha256Ed25519, try HashSuite.sm3SM2()])
        } catch {
            let why = LedgerError(
                .invalid_request, "the hash suite \(HashSuite.sm3SM2Name) needs SM3 and SM2 from the system's libcrypto, which this one does not offer",
                cause: error.description)
            return SuiteCatalog([.sha256Ed25519], unavailable: [(HashSuite.sm3SM2Name, why)])
        }
    }()
}
