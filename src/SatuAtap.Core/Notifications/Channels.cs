using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SatuAtap.Core.Notifications;

/// <summary>A way to reach a person. A send that throws is retried later by the dispatcher.</summary>
public interface INotificationChannel
{
    string Name { get; }
    /// <summary>False when the channel is not configured; its messages wait in the outbox.</summary>
    bool Ready { get; }
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>Email through an SMTP server (MailKit). The message id is the outbox id, so a receiver can drop a duplicate.</summary>
public sealed class EmailChannel(IOptions<NotificationsOptions> options) : INotificationChannel
{
    public string Name => Channels.Email;
    public bool Ready => !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        var mail = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Id:N}@satuatap" };
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(MailboxAddress.Parse(message.Recipient));
        mail.Headers.Add("Content-Language", message.Language);
        mail.Body = new TextPart("plain") { Text = message.Body };
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        // The host fills in the environment's default (SmtpSecurity.Effective) when the setting is empty.
        var security = SmtpSecurity.Socket(SmtpSecurity.Effective(smtp.Security, production: false));
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>
/// SMS or WhatsApp through a provider's HTTP endpoint (<c>Notifications:Http:Url</c>): a JSON POST of
/// <c>{ id, channel, to, text }</c>; any answer other than 2xx is a failure to retry.
/// </summary>
public sealed class HttpChannel(string name, IHttpClientFactory http, IOptions<NotificationsOptions> options) : INotificationChannel
{
    public string Name => name;
    public bool Ready => !string.IsNullOrWhiteSpace(options.Value.Http.Url);

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value.Http;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            Content = JsonContent.Create(new { id = message.Id, channel = name, to = message.Recipient, text = message.Body, language = message.Language }),
        };
        if (!string.IsNullOrEmpty(settings.Token)) request.Headers.Authorization = new("Bearer", settings.Token);
        using var response = await http.CreateClient("notifications").SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}
