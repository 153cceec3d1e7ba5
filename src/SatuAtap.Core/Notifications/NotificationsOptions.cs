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
