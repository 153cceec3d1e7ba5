using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// The data-protection key ring (what signs the sign-in cookie, antiforgery and email tokens) lives in the database,
/// so that every web node reads the same keys. With <c>DataProtection:CertificatePath</c> the keys are stored
/// encrypted with that certificate, so reading the database is not enough to forge a cookie; in Production it is
/// required.
/// </summary>
public static class KeyRing
{
    public static IServiceCollection AddSatuAtapKeyRing(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var builder = services.AddDataProtection().SetApplicationName("SatuAtap").PersistKeysToDbContext<SatuAtap.Core.Data.SatuAtapDb>();
        var options = config.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new();
        if (LoadCertificate(options, env, env.ContentRootPath) is { } certificate)
            builder.ProtectKeysWithCertificate(certificate);
        return services;
    }

    /// <summary>
    /// The certificate that encrypts the keys; null outside Production when none is configured. A missing, unreadable
    /// or key-less certificate, or none in Production, stops the program naming the settings.
    /// </summary>
    public static X509Certificate2? LoadCertificate(KeyRingOptions options, IHostEnvironment env, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (!env.IsProduction()) return null;
            throw Invalid("DataProtection:CertificatePath (and DataProtection:CertificatePassword) are required in Production: "
                + "a .pfx certificate with a private key that encrypts the data-protection keys stored in the database.");
        }
        var path = Path.IsPathRooted(options.CertificatePath) ? options.CertificatePath : Path.Combine(contentRoot, options.CertificatePath);
        if (!File.Exists(path))
            throw Invalid($"DataProtection:CertificatePath '{options.CertificatePath}' does not exist.");
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
                throw Invalid($"DataProtection:CertificatePath '{options.CertificatePath}' has no private key: the keys could not be read back.");
            return certificate;
        }
        catch (CryptographicException e)
        {
            throw Invalid($"DataProtection:CertificatePath '{options.CertificatePath}' cannot be opened with DataProtection:CertificatePassword: {e.Message}");
        }
    }

    private static OptionsValidationException Invalid(string message) =>
        new(KeyRingOptions.Section, typeof(KeyRingOptions), [message]);
}
