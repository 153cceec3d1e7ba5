using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Audit;

/// <summary>
/// Changes to audited data, newest first, 50 a page: filtered by kind of record, action, account and period; each
/// record by its name (not its id) and each change as the fields that differ.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel(SatuAtapDb db, MallTime time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "jenis")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "tindakan")] public string? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "oleh")] public string? By { get; set; }
    [BindProperty(SupportsGet = true, Name = "dari")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "sampai")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;

    public sealed record Row(AuditEntry Entry, string Record, IReadOnlyList<AuditChanges.Change> Changes);

    public MallTime Time => time;
    public IReadOnlyList<string> Types { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Types = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(Type)) query = query.Where(a => a.EntityType == Type);
        if (Action is "created" or "updated" or "deleted") query = query.Where(a => a.Action == Action);
        if (!string.IsNullOrWhiteSpace(By))
        {
            var by = By.Trim().ToLowerInvariant();
            // Translated to SQL lower(...) LIKE on both databases; no .NET culture is involved.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(a => a.UserName.ToLower().Contains(by));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (From is { } from) query = query.Where(a => a.AtUtc >= time.ToUtc(from.ToDateTime(TimeOnly.MinValue)));
        if (To is { } to) query = query.Where(a => a.AtUtc < time.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var entries = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var names = await NamesAsync(entries, ct);
        Rows = entries.Select(e => new Row(e, Describe(e, names), AuditChanges.Diff(e.Before, e.After))).ToList();
    }

    /// <summary>The names of the records the page's keys and snapshots point at (services, agencies, counters, …).</summary>
    private async Task<Dictionary<Guid, string>> NamesAsync(List<AuditEntry> entries, CancellationToken ct)
    {
        var ids = entries.SelectMany(e => e.EntityKey.Split(',').Concat(AuditChanges.Fields(e.After ?? e.Before).Values.OfType<string>()))
            .Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var names = new Dictionary<Guid, string>();
        if (ids.Count == 0) return names;
        foreach (var x in await db.Services.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
        foreach (var x in await db.Agencies.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
        foreach (var x in await db.Counters.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
        foreach (var x in await db.Topics.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
        foreach (var x in await db.Agreements.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Number }).ToListAsync(ct)) names[x.Id] = x.Number;
        foreach (var x in await db.QueueSites.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
        foreach (var x in await db.MobileStops.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
        foreach (var x in await db.OutreachUnits.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
        return names;
    }

    private static string Describe(AuditEntry e, Dictionary<Guid, string> names)
    {
        var parts = e.EntityKey.Split(',').Select(k => Guid.TryParse(k, out var id) && names.TryGetValue(id, out var n) ? n : null).ToList();
        // A link between two records is named by both ends; a record by its own name.
        if (parts.Count > 1 && parts.All(p => p is not null)) return string.Join(" — ", parts);
        return AuditChanges.NameOf(e.Before, e.After) ?? parts.FirstOrDefault(p => p is not null) ?? Refers(e, names) ?? e.EntityKey;
    }

    /// <summary>
    /// A record without a name of its own, by the named records it points at and its day ("Surade, 8 Desember 2026"
    /// for a mobile-unit visit), or null.
    /// </summary>
    private static string? Refers(AuditEntry e, Dictionary<Guid, string> names)
    {
        var fields = AuditChanges.Fields(e.After ?? e.Before);
        var parts = fields.Where(f => f.Key.EndsWith("Id", StringComparison.Ordinal) && Guid.TryParse(f.Value, out var id) && names.ContainsKey(id))
            .Select(f => names[Guid.Parse(f.Value!)]).ToList();
        if (fields.TryGetValue("Day", out var day) && DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var d))
            parts.Add(Formats.Date(d));
        return parts.Count > 0 ? string.Join(", ", parts) : null;
    }

    public static string TypeLabel(string type) => type switch
    {
        "Service" => Lang.T("Layanan", "Service"),
        "Requirement" => Lang.T("Persyaratan", "Requirement"),
        "Counter" => Lang.T("Loket", "Counter"),
        "Agreement" => Lang.T("Perjanjian kerja sama", "Agreement"),
        "AgreementCounter" => Lang.T("Loket dalam perjanjian", "Counter of an agreement"),
        "AgreementServices" => Lang.T("Layanan dalam perjanjian", "Service of an agreement"),
        "ServiceTopics" => Lang.T("Topik layanan", "Topic of a service"),
        "CounterServices" => Lang.T("Layanan di loket", "Service at a counter"),
        "Holiday" => Lang.T("Hari libur", "Holiday"),
        "Topic" => Lang.T("Topik", "Topic"),
        "Agency" => Lang.T("Instansi", "Agency"),
        "Mall" => Lang.T("Gedung MPP", "Mall building"),
        "MobileStop" => Lang.T("Titik MPP keliling", "Mobile-unit stop"),
        "Synonym" => Lang.T("Sinonim pencarian", "Search synonym"),
        "WorkflowStep" => Lang.T("Tahap alur kerja", "Workflow step"),
        "Site" => Lang.T("Lokasi antrian", "Queue site"),
        "NotificationTemplate" => Lang.T("Templat notifikasi", "Notification template"),
        "Visit" => Lang.T("Kunjungan MPP keliling", "Mobile-unit visit"),
        "OutreachUnit" => Lang.T("Unit MPP keliling", "Mobile unit"),
        "Open311Client" => Lang.T("Aplikasi klien Open311", "Open311 client application"),
        _ => type,
    };

    public static string ActionLabel(string action) => action switch
    {
        "created" => Lang.T("dibuat", "created"),
        "updated" => Lang.T("diubah", "changed"),
        "deleted" => Lang.T("dihapus", "deleted"),
        _ => action,
    };

    public static string ByLabel(string account) => account switch
    {
        "system" => Lang.T("Sistem", "System"),
        "anonymous" or "" => Lang.T("Publik (tanpa akun)", "Public (no account)"),
        _ => account,
    };

    public string PageUrl(int page) => "/kelola/audit?" + string.Join("&", new Dictionary<string, string?>
    {
        ["jenis"] = Type, ["tindakan"] = Action, ["oleh"] = By,
        ["dari"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["sampai"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["hal"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value!)));
}
