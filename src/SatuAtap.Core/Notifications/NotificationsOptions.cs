using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SatuAtap.Core.Notifications;

public sealed class NotificationsOptions
{
    public const string Section = "Notifications";
    /// <summary>Run the background dispatcher in this process (turn off on nodes that should not send).</summary>
    public bool DispatcherEnabled { get; set; } = true;
    /// <summary>How often the dispatcher looks for due messages.</summary>
    public double PollSeconds { get; set; } = 5;
    public int BatchSize { get; set; } = 20;
    /// <summary>A claimed message is left to its dispatcher this long before another may take it.</summary>
    public double ClaimSeconds { get; set; } = 120;
    /// <summary>First retry after this many seconds, doubling per attempt up to <see cref="MaxRetryMinutes"/>. A message is never dropped.</summary>
    public double RetryBaseSeconds { get; set; } = 30;
    public double MaxRetryMinutes { get; set; } = 60;
    public SmtpSettings Smtp { get; set; } = new();
    public HttpSettings Http { get; set; } = new();

    public sealed class SmtpSettings
    {
        /// <summary>SMTP server; empty keeps emails waiting in the outbox.</summary>
        public string Host { get; set; } = "";
        public int Port { get; set; } = 25;
        public string From { get; set; } = "MPP Kabupaten Sukabumi <noreply@mpp.sukabumikab.go.id>";
        public string? UserName { get; set; }
        public string? Password { get; set; }
        /// <summary>
        /// <c>starttls</c>, <c>ssl</c>, <c>auto</c> (STARTTLS when offered) or <c>none</c>. Empty: <c>starttls</c> in
        /// Production, <c>auto</c> elsewhere (see <see cref="SmtpSecurity"/>).
        /// </summary>
        public string? Security { get; set; }
        /// <summary>Lets Production use <c>auto</c> or <c>none</c>, which may send mail in plain text. Default: off.</summary>
        public bool AllowPlainText { get; set; }
        public int TimeoutSeconds { get; set; } = 15;
    }

    public sealed class HttpSettings
    {
        /// <summary>The SMS/WhatsApp provider's endpoint; empty means no SMS or WhatsApp is sent.</summary>
        public string Url { get; set; } = "";
        /// <summary>Sent as a bearer token when set.</summary>
        public string? Token { get; set; }
        /// <summary>The phone channel used for applicants with a mobile number: <c>sms</c> or <c>whatsapp</c>.</summary>
        public string Channel { get; set; } = Channels.Sms;
    }
}

/// <summary>
/// Checks the <c>Notifications</c> settings at start; each message names its key. In Production an SMTP mode that
/// lets mail go out in plain text is refused.
/// </summary>
public sealed class NotificationsOptionsValidator(IHostEnvironment env) : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions o)
    {
        var failures = new List<string>();
        if (!(o.PollSeconds is > 0 and <= 3600)) failures.Add("Notifications:PollSeconds must be greater than 0 and at most 3600.");
        if (o.BatchSize is < 1 or > 1000) failures.Add("Notifications:BatchSize must be between 1 and 1000.");
        if (!(o.ClaimSeconds is > 0 and <= 86400)) failures.Add("Notifications:ClaimSeconds must be greater than 0 and at most 86400.");
        if (!(o.RetryBaseSeconds is > 0 and <= 86400)) failures.Add("Notifications:RetryBaseSeconds must be greater than 0 and at most 86400.");
        if (!(o.MaxRetryMinutes is > 0 and <= 10080)) failures.Add("Notifications:MaxRetryMinutes must be greater than 0 and at most 10080.");
        if (o.Smtp.Port is <= 0 or >= 65536) failures.Add("Notifications:Smtp:Port must be a TCP port.");
        if (o.Smtp.TimeoutSeconds is < 1 or > 600) failures.Add("Notifications:Smtp:TimeoutSeconds must be between 1 and 600.");
        if (!MimeKit.MailboxAddress.TryParse(o.Smtp.From, out _))
            failures.Add($"Notifications:Smtp:From '{o.Smtp.From}' is not an email address (for example 'MPP <noreply@mpp.example.go.id>').");
        if (SmtpSecurity.Problem(o.Smtp.Security, env.IsProduction(), o.Smtp.AllowPlainText) is { } problem) failures.Add(problem);
        if (o.Http.Channel is not (Channels.Sms or Channels.WhatsApp)) failures.Add("Notifications:Http:Channel must be 'sms' or 'whatsapp'.");
        if (!string.IsNullOrWhiteSpace(o.Http.Url) && !Uri.TryCreate(o.Http.Url, UriKind.Absolute, out _)) failures.Add("Notifications:Http:Url must be an absolute URL.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
