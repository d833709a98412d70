using System.Formats.Asn1;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace OpenModel.Core.Release.Attestations;

public enum KeyAlgorithm
{
    /// <summary>ECDSA on NIST P-256 with SHA-256; signatures are ASN.1 DER, as cosign writes them.</summary>
    EcdsaP256,

    /// <summary>Ed25519 (RFC 8032) over the message itself; signatures are the raw 64 bytes.</summary>
    Ed25519,
}

/// <summary>A key that cannot be used: unreadable, not PEM, encrypted, or an algorithm we do not sign with.</summary>
public sealed class AttestationKeyException(string message) : Exception(message);

/// <summary>
/// The public half of a signing key, as a PEM "PUBLIC KEY" (SubjectPublicKeyInfo). Its hint, the SHA-256 of the DER
/// SubjectPublicKeyInfo in hex, names the key in the DSSE <c>keyid</c> and in the Sigstore bundle's public-key hint.
/// </summary>
public sealed class VerificationKey
{
    internal const string EcPublicKeyOid = "1.2.840.10045.2.1";
    internal const string Ed25519Oid = "1.3.101.112";
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private VerificationKey(KeyAlgorithm algorithm, byte[] subjectPublicKeyInfo)
    {
        Algorithm = algorithm;
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
        Hint = Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));
    }

    public KeyAlgorithm Algorithm { get; }

    public byte[] SubjectPublicKeyInfo { get; }

    public string Hint { get; }

    public string Pem => PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfo) + "\n";

    /// <exception cref="AttestationKeyException">Not a PEM public key of a supported algorithm.</exception>
    public static VerificationKey FromPem(string pem)
    {
        var (label, der) = AttestationPem.Read(pem);
        if (label != "PUBLIC KEY")
        {
            throw new AttestationKeyException($"expected a PEM 'PUBLIC KEY', found '{label}'");
        }

        return FromSubjectPublicKeyInfo(der);
    }

    internal static VerificationKey FromSubjectPublicKeyInfo(byte[] der)
    {
        var (algorithm, parameter) = AttestationPem.AlgorithmOf(der, isPrivate: false);
        return (algorithm, parameter) switch
        {
            (EcPublicKeyOid, P256Oid) => new VerificationKey(KeyAlgorithm.EcdsaP256, der),
            (EcPublicKeyOid, _) => throw new AttestationKeyException($"the EC key is on curve {parameter ?? "(unnamed)"}; only P-256 (1.2.840.10045.3.1.7) is supported"),
            (Ed25519Oid, _) => new VerificationKey(KeyAlgorithm.Ed25519, der),
            _ => throw new AttestationKeyException($"key algorithm {algorithm} is not supported; use ECDSA P-256 or Ed25519"),
        };
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (Algorithm == KeyAlgorithm.EcdsaP256)
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo, out _);
            try
            {
                return ecdsa.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }
            catch (CryptographicException)
            {
                // A signature that is not a DER SEQUENCE of two integers simply does not verify.
                return false;
            }
        }

        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, SubjectPublicKeyInfo, KeyBlobFormat.PkixPublicKey, out var publicKey) || publicKey is null)
        {
            return false;
        }

        return SignatureAlgorithm.Ed25519.Verify(publicKey, message, signature);
    }
}

/// <summary>A private key read from PEM (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY"). The key material is never printed.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly Key? _ed25519;

    private SigningKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        Public = VerificationKey.FromSubjectPublicKeyInfo(ecdsa.ExportSubjectPublicKeyInfo());
    }

    private SigningKey(Key ed25519)
    {
        _ed25519 = ed25519;
        Public = VerificationKey.FromSubjectPublicKeyInfo(ed25519.PublicKey.Export(KeyBlobFormat.PkixPublicKey));
    }

    public VerificationKey Public { get; }

    /// <exception cref="AttestationKeyException">Not a PEM private key of a supported algorithm.</exception>
    public static SigningKey FromPem(string pem)
    {
        var (label, der) = AttestationPem.Read(pem);
        try
        {
            switch (label)
            {
                case "EC PRIVATE KEY":
                    return Ecdsa(e => e.ImportECPrivateKey(der, out _));
                case "PRIVATE KEY":
                    var (algorithm, _) = AttestationPem.AlgorithmOf(der, isPrivate: true);
                    return algorithm switch
                    {
                        VerificationKey.Ed25519Oid => Key.TryImport(SignatureAlgorithm.Ed25519, der, KeyBlobFormat.PkixPrivateKey, out var key) && key is not null
                            ? new SigningKey(key)
                            : throw new AttestationKeyException("the Ed25519 private key cannot be read"),
                        VerificationKey.EcPublicKeyOid => Ecdsa(e => e.ImportPkcs8PrivateKey(der, out _)),
                        _ => throw new AttestationKeyException($"key algorithm {algorithm} is not supported; use ECDSA P-256 or Ed25519"),
                    };
                case "ENCRYPTED PRIVATE KEY":
                    throw new AttestationKeyException("the private key is encrypted; decrypt it for the pipeline (openssl pkey -in key.pem -out plain.pem) and keep it in a secret store");
                default:
                    throw new AttestationKeyException($"expected a PEM 'PRIVATE KEY' or 'EC PRIVATE KEY', found '{label}'");
            }
        }
        catch (CryptographicException)
        {
            // The exception text can quote key bytes on some platforms; say only what is wrong.
            throw new AttestationKeyException($"the '{label}' block is not a valid key");
        }
    }

    public byte[] Sign(ReadOnlySpan<byte> message) =>
        _ecdsa is not null
            ? _ecdsa.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            : SignatureAlgorithm.Ed25519.Sign(_ed25519!, message);

    public void Dispose()
    {
        _ecdsa?.Dispose();
        _ed25519?.Dispose();
    }

    private static SigningKey Ecdsa(Action<ECDsa> import)
    {
        var ecdsa = System.Security.Cryptography.ECDsa.Create();
        try
        {
            import(ecdsa);

            // Reading the public half rejects curves other than P-256.
            return new SigningKey(ecdsa);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }
}

internal static class AttestationPem
{
    public static (string Label, byte[] Der) Read(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new AttestationKeyException("no PEM block found");
        }

        var label = pem[fields.Label].ToString();
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem[fields.Base64Data], der, out _))
        {
            throw new AttestationKeyException($"the '{label}' block is not valid base64");
        }

        return (label, der);
    }

    /// <summary>The algorithm OID and, for EC keys, the curve OID of a PKCS#8 PrivateKeyInfo or a SubjectPublicKeyInfo.</summary>
    public static (string Algorithm, string? Parameter) AlgorithmOf(byte[] der, bool isPrivate)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            if (isPrivate)
            {
                reader.ReadInteger();
            }

            var algorithm = reader.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            string? parameter = algorithm.HasData && algorithm.PeekTag() == Asn1Tag.ObjectIdentifier ? algorithm.ReadObjectIdentifier() : null;
            return (oid, parameter);
        }
        catch (AsnContentException)
        {
            throw new AttestationKeyException(isPrivate ? "the private key is not PKCS#8 DER" : "the public key is not a DER SubjectPublicKeyInfo");
        }
    }
}
