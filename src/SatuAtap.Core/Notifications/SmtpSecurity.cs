using MailKit.Security;

namespace SatuAtap.Core.Notifications;

/// <summary>
/// How the connection to the SMTP server is secured (<c>Notifications:Smtp:Security</c>). Unset, Production requires
/// TLS (STARTTLS); elsewhere TLS is used when the server offers it. <c>auto</c> and <c>none</c> let a server — or anyone
/// between — keep mail in plain text, so Production refuses them unless <c>Notifications:Smtp:AllowPlainText</c> is on.
/// </summary>
public static class SmtpSecurity
{
    public const string Auto = "auto", None = "none", StartTls = "starttls", Ssl = "ssl";

    /// <summary>The mode in force: the configured one, or the environment's default when none is configured.</summary>
    public static string Effective(string? configured, bool production) =>
        string.IsNullOrWhiteSpace(configured) ? (production ? StartTls : Auto) : configured.Trim().ToLowerInvariant();

    /// <summary>Why the configured mode may not be used, or null when it may.</summary>
    public static string? Problem(string? configured, bool production, bool allowPlainText)
    {
        var mode = Effective(configured, production);
        if (mode is not (Auto or None or StartTls or Ssl))
            return $"Notifications:Smtp:Security must be 'starttls', 'ssl', 'auto' or 'none' (it is '{configured}').";
        if (production && mode is Auto or None && !allowPlainText)
            return $"Notifications:Smtp:Security '{mode}' lets email go out in plain text: in Production use 'starttls' (the default) or 'ssl', "
                   + "or set Notifications:Smtp:AllowPlainText=true to accept that.";
        return null;
    }

    /// <summary>MailKit's option for a mode in force.</summary>
    public static SecureSocketOptions Socket(string effective) => effective switch
    {
        None => SecureSocketOptions.None,
        StartTls => SecureSocketOptions.StartTls,
        Ssl => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
