using System.Security.Cryptography;
using System.Text;

namespace SatuAtap.Core.Common;

/// <summary>
/// Encrypts personal data at rest (NIKs, application fields, uploaded documents) with AES-256-GCM, and makes keyed
/// hashes (HMAC-SHA256) of values that must still be looked up or kept unique.
/// </summary>
/// <remarks>
/// Every ciphertext names the key that wrote it, so keys rotate: new values are written with the current key and
/// values written with an older key are read as long as that key stays configured. A value without the marker was
/// written before encryption existed and is read as it is (the start-up step rewrites such rows). The purpose (which
/// column the value belongs to) is bound into the ciphertext as associated data: a value copied into another column
/// does not decrypt there.
/// </remarks>
public sealed class PersonalDataProtector
{
    /// <summary>Marks a protected text value: <c>pd1:{key id}:{base64(nonce | tag | ciphertext)}</c>.</summary>
    public const string TextMarker = "pd1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    public const int KeySize = 32;
    /// <summary>The first bytes of a protected file: "SAPD" and a format version.</summary>
    private static readonly byte[] FileMagic = "SAPD\u0001"u8.ToArray();
    private static readonly byte[] FilePurpose = "file"u8.ToArray();

    private readonly Dictionary<string, byte[]> _keys;
    private readonly byte[] _hashKey;

    public PersonalDataProtector(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId, byte[] hashKey)
    {
        if (keys.Count == 0) throw new ArgumentException("At least one key is needed.", nameof(keys));
        foreach (var (id, key) in keys)
        {
            if (!IsValidKeyId(id)) throw new ArgumentException($"Key id '{id}' must be 1 to 32 letters, digits or '-'.", nameof(keys));
            if (key.Length != KeySize) throw new ArgumentException($"Key '{id}' must be {KeySize} bytes.", nameof(keys));
        }
        if (!keys.ContainsKey(currentKeyId)) throw new ArgumentException($"The current key '{currentKeyId}' is not among the keys.", nameof(currentKeyId));
        if (hashKey.Length < KeySize) throw new ArgumentException($"The hash key must be at least {KeySize} bytes.", nameof(hashKey));
        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        CurrentKeyId = currentKeyId;
        _hashKey = hashKey.ToArray();
        // Two protectors with the same fingerprint encrypt and decrypt alike (the database model is cached per fingerprint).
        var material = new StringBuilder(currentKeyId).Append('|').Append(Convert.ToBase64String(_hashKey));
        foreach (var (id, key) in _keys.OrderBy(k => k.Key, StringComparer.Ordinal)) material.Append('|').Append(id).Append('=').Append(Convert.ToBase64String(key));
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material.ToString())));
    }

    public string CurrentKeyId { get; }

    /// <summary>A digest of all the key material: equal for protectors that read and write alike, and says nothing about the keys.</summary>
    public string Fingerprint { get; }

    public static bool IsValidKeyId(string id) =>
        id.Length is >= 1 and <= 32 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>True when <paramref name="stored"/> was written by a protector (not clear text from before).</summary>
    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(TextMarker, StringComparison.Ordinal);

    /// <summary>The value encrypted with the current key, for the column named by <paramref name="purpose"/>.</summary>
    public string Protect(string clear, string purpose)
    {
        var plain = Encoding.UTF8.GetBytes(clear);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keys[CurrentKeyId], TagSize))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return TextMarker + CurrentKeyId + ":" + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The clear value; a value written before encryption existed is returned as it is.</summary>
    /// <exception cref="CryptographicException">The key that wrote it is not configured, or the value was altered.</exception>
    public string Unprotect(string stored, string purpose)
    {
        if (!IsProtected(stored)) return stored;
        var colon = stored.IndexOf(':', TextMarker.Length);
        if (colon < 0) throw new CryptographicException("A protected value is malformed.");
        var key = Key(stored[TextMarker.Length..colon]);
        byte[] sealedBytes;
        try { sealedBytes = Convert.FromBase64String(stored[(colon + 1)..]); }
        catch (FormatException) { throw new CryptographicException("A protected value is malformed."); }
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("A protected value is malformed.");
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(key, TagSize))
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A keyed hash (HMAC-SHA256, 64 hex digits) of the value: equal values give equal hashes, and nothing can be read back.</summary>
    public string Hash(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(value)));

    /// <summary>A file's bytes encrypted with the current key, behind a header naming the key.</summary>
    public byte[] ProtectFile(ReadOnlySpan<byte> clear)
    {
        var id = Encoding.ASCII.GetBytes(CurrentKeyId);
        var header = FileMagic.Length + 1 + id.Length;
        var result = new byte[header + NonceSize + TagSize + clear.Length];
        FileMagic.CopyTo(result, 0);
        result[FileMagic.Length] = (byte)id.Length;
        id.CopyTo(result, FileMagic.Length + 1);
        var nonce = result.AsSpan(header, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[CurrentKeyId], TagSize);
        aes.Encrypt(nonce, clear, result.AsSpan(header + NonceSize + TagSize), result.AsSpan(header + NonceSize, TagSize), FilePurpose);
        return result;
    }

    /// <summary>True when the bytes start like a file written by <see cref="ProtectFile"/>.</summary>
    public static bool IsProtectedFile(ReadOnlySpan<byte> head) => head.StartsWith(FileMagic);

    /// <summary>A protected file's clear bytes; a file written before encryption existed is returned as it is.</summary>
    public byte[] UnprotectFile(byte[] stored)
    {
        if (!IsProtectedFile(stored)) return stored;
        if (stored.Length < FileMagic.Length + 1) throw new CryptographicException("A protected file is malformed.");
        var idLength = stored[FileMagic.Length];
        var header = FileMagic.Length + 1 + idLength;
        if (stored.Length < header + NonceSize + TagSize) throw new CryptographicException("A protected file is malformed.");
        var key = Key(Encoding.ASCII.GetString(stored, FileMagic.Length + 1, idLength));
        var plain = new byte[stored.Length - header - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(stored.AsSpan(header, NonceSize), stored.AsSpan(header + NonceSize + TagSize), stored.AsSpan(header + NonceSize, TagSize), plain, FilePurpose);
        return plain;
    }

    private byte[] Key(string id) => _keys.TryGetValue(id, out var key) ? key
        : throw new CryptographicException($"Personal data was written with key '{id}', which is not configured (PersonalData:Keys:{id}).");

    /// <summary>A new random key, base64, for configuration.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize));
}
