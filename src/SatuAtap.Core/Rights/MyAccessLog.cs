using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Rights;

/// <summary>
/// One look by staff at the citizen's own records, as the citizen sees it: when, which agency (always), the officer's
/// name when <see cref="RightsOptions.ShowOfficerNames"/> allows it, what was seen and in which record.
/// </summary>
public sealed record AccessView(DateTime AtUtc, string Agency, string? Officer, string What, string WhatLabel, string RecordType, string? Record);

/// <summary>UU 27/2022: a citizen may see who in the mall looked at their personal data (NIK revealed, documents downloaded).</summary>
public sealed class MyAccessLog(SatuAtapDb db, CatalogCache cache, IOptions<RightsOptions> options)
{
    public async Task<IReadOnlyList<AccessView>> HandleAsync(Guid userId, CancellationToken ct = default)
    {
        var entries = await AccessLog.AboutAsync(db, userId, ct: ct);
        if (entries.Count == 0) return [];
        var applicationIds = entries.Where(e => e.RecordType == AccessLog.Application).Select(e => e.RecordId).Distinct().ToList();
        var numbers = await db.Applications.AsNoTracking().Where(a => applicationIds.Contains(a.Id))
            .Select(a => new { a.Id, a.TrackingNumber }).ToDictionaryAsync(a => a.Id, a => a.TrackingNumber, ct);
        var catalog = await cache.GetAsync(ct);
        var showNames = options.Value.ShowOfficerNames;
        return entries.Select(e => new AccessView(
            DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc),
            e.ViewerAgencyId is { } agency && catalog.Agencies.FirstOrDefault(a => a.Id == agency) is { } a
                ? a.DisplayName
                : Lang.T("Pengelola MPP", "Mall management"),
            showNames ? e.ViewerName : null,
            e.What, Label(e.What), e.RecordType, numbers.GetValueOrDefault(e.RecordId))).ToList();
    }

    public static string Label(string what) => what switch
    {
        AccessLog.NikReveal => Lang.T("Melihat NIK lengkap", "Viewed the full NIK"),
        AccessLog.DocumentDownload => Lang.T("Mengunduh dokumen persyaratan", "Downloaded a requirement document"),
        AccessLog.ResultDownload => Lang.T("Mengunduh dokumen hasil", "Downloaded the issued document"),
        _ => what,
    };
}
