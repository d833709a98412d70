using OpenModel.Core.IO;

namespace OpenModel.Core.Release.Attestations;

/// <summary>
/// Finds the signing key a build names in <c>AIBomSigningKey</c>: a PEM file path, or the name of an environment variable
/// holding the PEM text (as CI secret stores inject it) or a path to it. Messages name the reference, never the key.
/// </summary>
public static class SigningKeySource
{
    private const long MaxKeyBytes = 64 * 1024;

    /// <exception cref="AttestationKeyException">Nothing usable is found, or the key cannot be read.</exception>
    public static SigningKey Load(string reference, string baseDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(baseDirectory, reference));
        if (File.Exists(path))
        {
            return FromFile(path);
        }

        if (reference.IndexOfAny(['/', '\\', '.']) < 0 && Environment.GetEnvironmentVariable(reference) is { Length: > 0 } value)
        {
            if (value.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                return SigningKey.FromPem(value);
            }

            return File.Exists(value)
                ? FromFile(value)
                : throw new AttestationKeyException("the environment variable it names holds neither a PEM key nor the path of a file");
        }

        // The reference is not echoed: a misconfigured pipeline may have put the key itself there.
        throw new AttestationKeyException("it names neither a file nor a set environment variable");
    }

    /// <exception cref="AttestationKeyException">The file cannot be read or holds no usable key.</exception>
    public static SigningKey FromFile(string path) => SigningKey.FromPem(ReadPem(path));

    /// <exception cref="AttestationKeyException">The file cannot be read or holds no usable key.</exception>
    public static VerificationKey PublicFromFile(string path) => VerificationKey.FromPem(ReadPem(path));

    private static string ReadPem(string path)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(RegularFile.ReadAllBytes(path, MaxKeyBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AttestationKeyException($"the key file cannot be read: {e.Message}");
        }
    }
}
