using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Notifications;

public sealed record TemplateView(Guid Id, string EventCode, string Language, string Channel, string Subject, string Body, Guid Version,
    IReadOnlyList<string> Placeholders);

public sealed record TemplateEdit(string? Subject, string? Body, Guid? Version);

/// <summary>
/// The message templates as the mall's managers see and edit them. A template may use only the placeholders its
/// event fills (a misspelt one would reach people as literal text); email needs a subject; a stale version is refused.
/// The change is audited by the database context like catalog edits.
/// </summary>
public sealed partial class EditNotificationTemplates(SatuAtapDb db, TemplateCache cache)
{
    public const int MaxSubject = 300;
    public const int MaxBody = 8000;

    public async Task<Outcome<IReadOnlyList<TemplateView>>> ListAsync(Caller viewer, CancellationToken ct = default)
    {
        if (!viewer.IsManager) return Outcome<IReadOnlyList<TemplateView>>.Forbidden();
        var all = await db.NotificationTemplates.AsNoTracking().ToListAsync(ct);
        return Outcome<IReadOnlyList<TemplateView>>.Ok(all
            .OrderBy(t => t.EventCode, StringComparer.Ordinal).ThenBy(t => t.Channel, StringComparer.Ordinal).ThenBy(t => t.Language, StringComparer.Ordinal)
            .Select(View).ToList());
    }

    public async Task<Outcome<TemplateView>> GetAsync(Guid id, Caller viewer, CancellationToken ct = default)
    {
        if (!viewer.IsManager) return Outcome<TemplateView>.Forbidden();
        var t = await db.NotificationTemplates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return t is null ? Outcome<TemplateView>.NotFound(NotFound()) : Outcome<TemplateView>.Ok(View(t));
    }

    public async Task<Outcome<TemplateView>> HandleAsync(Guid id, TemplateEdit? edit, Caller viewer, CancellationToken ct = default)
    {
        if (!viewer.IsManager) return Outcome<TemplateView>.Forbidden();
        var t = await db.NotificationTemplates.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return Outcome<TemplateView>.NotFound(NotFound());
        edit ??= new TemplateEdit(null, null, null);
        var errors = new FieldErrors();
        var subject = (edit.Subject ?? "").Trim();
        var body = (edit.Body ?? "").Replace("\r\n", "\n").Trim();
        if (t.Channel == Channels.Email) errors.Required("subject", subject, MaxSubject);
        else errors.Optional("subject", subject, MaxSubject);
        errors.Required("body", body, MaxBody);
        var allowed = NotificationDefaults.PlaceholdersFor(t.EventCode);
        CheckPlaceholders(errors, "subject", subject, allowed);
        CheckPlaceholders(errors, "body", body, allowed);
        if (edit.Version is null) errors.Add("version", Lang.T("Versi (token konkurensi) wajib dikirim.", "The version (concurrency token) is required."));
        if (errors.Any) return Outcome<TemplateView>.Invalid(errors.ToDictionary());
        if (edit.Version != t.Version) return Outcome<TemplateView>.StaleVersion();
        db.Entry(t).Property(x => x.Version).OriginalValue = edit.Version!.Value;
        t.Subject = subject;
        t.Body = body;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<TemplateView>.StaleVersion();
        }
        cache.Invalidate();
        return Outcome<TemplateView>.Ok(View(t));
    }

    /// <summary>The placeholders written in a text: <c>{word}</c>.</summary>
    public static IEnumerable<string> PlaceholdersIn(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value);

    private static void CheckPlaceholders(FieldErrors errors, string field, string text, IReadOnlySet<string> allowed)
    {
        var unknown = PlaceholdersIn(text).Where(p => !allowed.Contains(p)).Distinct().ToList();
        if (unknown.Count == 0) return;
        var list = string.Join(", ", unknown.Select(u => "{" + u + "}"));
        var known = string.Join(" ", allowed.Order(StringComparer.Ordinal).Select(a => "{" + a + "}"));
        errors.Add(field, Lang.T($"Penanda tidak dikenal: {list}. Yang dapat dipakai: {known}.", $"Unknown placeholder: {list}. Available: {known}."));
    }

    private static TemplateView View(NotificationTemplate t) => new(t.Id, t.EventCode, t.Language, t.Channel, t.Subject, t.Body, t.Version,
        NotificationDefaults.PlaceholdersFor(t.EventCode).Order(StringComparer.Ordinal).ToList());

    private static string NotFound() => Lang.T("Templat tidak ditemukan.", "Template not found.");

    [GeneratedRegex(@"\{([^{}\s]*)\}")]
    private static partial Regex Placeholder();
}
