using System.Text.Json;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";
    /// <summary>Encryption keys by id: base64 of 32 random bytes each. The current one writes; all of them read.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];
    /// <summary>The id of the key new values are written with.</summary>
    public string? CurrentKey { get; set; }
    /// <summary>Key of the keyed hashes (booking uniqueness): base64 of at least 32 random bytes. Not rotated.</summary>
    public string? HashKey { get; set; }
    /// <summary>Outside Production, when no keys are configured: the file keys are generated into once (relative to the content root).</summary>
    public string KeyFile { get; set; } = "App_Data/personal-data-keys.json";
}

/// <summary>
/// Builds the one <see cref="PersonalDataProtector"/> of the process from <c>PersonalData:*</c>. Production must configure
/// the keys (the settings check stops the program otherwise). Elsewhere, without configured keys, a key set is generated
/// once into <see cref="PersonalDataOptions.KeyFile"/> beside the database — never into the database it protects.
/// </summary>
public static class PersonalDataKeys
{
    public static PersonalDataProtector Protector(PersonalDataOptions o, string contentRoot)
    {
        if (o.Keys.Count > 0)
            return new PersonalDataProtector(o.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)), o.CurrentKey!, Convert.FromBase64String(o.HashKey!));
        var file = FromFile(Path.IsPathRooted(o.KeyFile) ? o.KeyFile : Path.Combine(contentRoot, o.KeyFile));
        return new PersonalDataProtector(file.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)), file.CurrentKey, Convert.FromBase64String(file.HashKey));
    }

    private sealed record KeyFileContent(string CurrentKey, Dictionary<string, string> Keys, string HashKey);

    private static KeyFileContent FromFile(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (File.Exists(path))
            {
                var text = File.ReadAllText(path);
                if (text.Length > 0 || attempt >= 50)
                    return JsonSerializer.Deserialize<KeyFileContent>(text)
                           ?? throw new InvalidOperationException($"{path} holds no personal-data keys.");
                Thread.Sleep(20); // another process is writing it
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var generated = new KeyFileContent("dev1", new() { ["dev1"] = PersonalDataProtector.NewKey() }, PersonalDataProtector.NewKey());
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using (var stream = new FileStream(path, options))
                    JsonSerializer.Serialize(stream, generated);
                return generated;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: read theirs.
            }
        }
    }

    /// <summary>The settings check: the message names the key.</summary>
    internal static ValidateOptionsResult Validate(PersonalDataOptions o, IHostEnvironment env)
    {
        if (o.Keys.Count == 0)
        {
            if (env.IsProduction())
                return ValidateOptionsResult.Fail("PersonalData:Keys, PersonalData:CurrentKey and PersonalData:HashKey are required in Production " +
                                                  "(each key: base64 of 32 random bytes, e.g. `openssl rand -base64 32`).");
            if (!string.IsNullOrWhiteSpace(o.CurrentKey) || !string.IsNullOrWhiteSpace(o.HashKey))
                return ValidateOptionsResult.Fail("PersonalData:Keys must list the keys when PersonalData:CurrentKey or PersonalData:HashKey is set.");
            return string.IsNullOrWhiteSpace(o.KeyFile) ? ValidateOptionsResult.Fail("PersonalData:KeyFile must name a file.") : ValidateOptionsResult.Success;
        }
        foreach (var (id, value) in o.Keys)
        {
            if (!PersonalDataProtector.IsValidKeyId(id))
                return ValidateOptionsResult.Fail($"PersonalData:Keys:{id}: a key id is 1 to 32 letters, digits or '-'.");
            if (Bytes(value) != PersonalDataProtector.KeySize)
                return ValidateOptionsResult.Fail($"PersonalData:Keys:{id} must be base64 of {PersonalDataProtector.KeySize} bytes.");
        }
        if (string.IsNullOrWhiteSpace(o.CurrentKey) || !o.Keys.ContainsKey(o.CurrentKey))
            return ValidateOptionsResult.Fail($"PersonalData:CurrentKey must be one of the ids under PersonalData:Keys ({string.Join(", ", o.Keys.Keys)}).");
        if (Bytes(o.HashKey) < PersonalDataProtector.KeySize)
            return ValidateOptionsResult.Fail($"PersonalData:HashKey must be base64 of at least {PersonalDataProtector.KeySize} bytes.");
        return ValidateOptionsResult.Success;
    }

    private static int Bytes(string? base64)
    {
        try { return string.IsNullOrWhiteSpace(base64) ? 0 : Convert.FromBase64String(base64).Length; }
        catch (FormatException) { return -1; }
    }
}
