using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Applications;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Queue;

namespace SatuAtap.Core.Feedback;

/// <summary>What a survey token rates: a finished ticket or a completed application.</summary>
public enum SurveySubject { Ticket, Application }

/// <summary>A checked survey token: what it rates, for which service and site, and whether it may still be used.</summary>
public sealed record SurveyInvitation(SurveySubject Subject, Guid SubjectId, Guid ServiceId, Guid AgencyId, Guid? SiteId, DateTime FinishedAtUtc, DateTime ExpiresAtUtc);

/// <summary>
/// The once-only survey links of finished tickets and completed applications. A token names its ticket or application
/// and carries a keyed hash of it (<c>PersonalData:HashKey</c>), so the same ticket always has the same link and nobody
/// can make one up; it is used up by the response it brings (one response per ticket or application, unique in the
/// database), and it expires <c>Feedback:SurveyLinkDays</c> days after the service. Queue and Applications never call
/// this: the pages of the mall ask it for the link, and it fills <c>{surveyUrl}</c> in the applicant's message about a
/// completed application (as an <see cref="IApplicationMessageValues"/>).
/// </summary>
public sealed class SurveyLinks(SatuAtapDb db, PersonalDataProtector protector, PublicLinks links, MallTime time, IOptions<FeedbackOptions> options)
    : IApplicationMessageValues
{
    /// <summary>The link of an application just issued or made ready for pickup, for its message (<c>{surveyUrl}</c>).</summary>
    public void Add(Application app, IDictionary<string, string> values)
    {
        if (app.Status is ApplicationStatus.Issued or ApplicationStatus.ReadyForPickup)
            values[Notifications.NotificationDefaults.SurveyUrl] = Url(Token(SurveySubject.Application, app.Id));
    }

    private const int HashLength = 24;

    /// <summary>The survey page of a token, absolute (from <c>Mall:PublicBaseUrl</c>).</summary>
    public string Url(string token) => links.To("/survei/" + token);

    public string Token(SurveySubject subject, Guid id)
    {
        var kind = subject == SurveySubject.Ticket ? 't' : 'a';
        var body = kind + id.ToString("N");
        return body + protector.Hash("survey:" + body)[..HashLength];
    }

    /// <summary>The ticket or application a token names, or null when it is not a token the mall made.</summary>
    public (SurveySubject Subject, Guid Id)? Parse(string? token)
    {
        if (token is null || token.Length != 1 + 32 + HashLength) return null;
        var subject = token[0] switch { 't' => SurveySubject.Ticket, 'a' => SurveySubject.Application, _ => (SurveySubject?)null };
        if (subject is null || !Guid.TryParseExact(token.AsSpan(1, 32), "N", out var id)) return null;
        var expected = Token(subject.Value, id);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(token)) ? (subject.Value, id) : null;
    }

    /// <summary>
    /// What a token rates, or why not: not found (not a token, or its ticket or application is unknown or not finished),
    /// conflict (already rated, or expired).
    /// </summary>
    public async Task<Outcome<SurveyInvitation>> CheckAsync(string? token, CancellationToken ct = default)
    {
        if (Parse(token) is not { } named)
            return Outcome<SurveyInvitation>.NotFound(Lang.T("Tautan survei tidak dikenal.", "This survey link is not known."));
        var invitation = await FindAsync(named.Subject, named.Id, ct);
        if (invitation is null)
            return Outcome<SurveyInvitation>.NotFound(Lang.T("Layanan untuk tautan survei ini belum selesai atau tidak ditemukan.",
                "The service of this survey link is not finished or was not found."));
        var used = named.Subject == SurveySubject.Ticket
            ? await db.Set<SurveyResponse>().AnyAsync(r => r.TicketId == named.Id, ct)
            : await db.Set<SurveyResponse>().AnyAsync(r => r.ApplicationId == named.Id, ct);
        if (used) return Outcome<SurveyInvitation>.Conflict(Used());
        if (time.UtcNow > invitation.ExpiresAtUtc)
            return Outcome<SurveyInvitation>.Conflict(Lang.T("Terima kasih. Tautan survei ini sudah kedaluwarsa.", "Thank you. This survey link has expired."));
        return Outcome<SurveyInvitation>.Ok(invitation);
    }

    public static string Used() => Lang.T("Terima kasih. Survei untuk layanan ini sudah diisi; setiap layanan dinilai satu kali.",
        "Thank you. The survey for this service has already been answered; each service is rated once.");

    /// <summary>The survey link of a finished ticket, or null when it is not finished, already rated or expired.</summary>
    public async Task<string?> ForTicketAsync(Guid ticketId, CancellationToken ct = default) =>
        (await CheckAsync(Token(SurveySubject.Ticket, ticketId), ct)).Succeeded ? Url(Token(SurveySubject.Ticket, ticketId)) : null;

    /// <summary>The survey link of a completed application, or null when it is not completed, already rated or expired.</summary>
    public async Task<string?> ForApplicationAsync(Guid applicationId, CancellationToken ct = default) =>
        (await CheckAsync(Token(SurveySubject.Application, applicationId), ct)).Succeeded ? Url(Token(SurveySubject.Application, applicationId)) : null;

    private async Task<SurveyInvitation?> FindAsync(SurveySubject subject, Guid id, CancellationToken ct)
    {
        var days = options.Value.SurveyLinkDays;
        if (subject == SurveySubject.Ticket)
        {
            var t = await (from ticket in db.Tickets.AsNoTracking()
                           join service in db.Services on ticket.ServiceId equals service.Id
                           where ticket.Id == id && ticket.Status == TicketStatus.Done && ticket.FinishedUtc != null
                           select new { ticket.ServiceId, service.AgencyId, ticket.SiteId, ticket.FinishedUtc }).FirstOrDefaultAsync(ct);
            return t is null ? null : new SurveyInvitation(subject, id, t.ServiceId, t.AgencyId, t.SiteId, t.FinishedUtc!.Value, t.FinishedUtc.Value.AddDays(days));
        }
        var a = await (from app in db.Applications.AsNoTracking()
                       join result in db.IssuedResults on app.Id equals result.ApplicationId
                       where app.Id == id && (app.Status == ApplicationStatus.Issued || app.Status == ApplicationStatus.ReadyForPickup)
                       select new { app.ServiceId, app.AgencyId, result.IssuedAtUtc }).FirstOrDefaultAsync(ct);
        return a is null ? null : new SurveyInvitation(subject, id, a.ServiceId, a.AgencyId, null, a.IssuedAtUtc, a.IssuedAtUtc.AddDays(days));
    }
}
