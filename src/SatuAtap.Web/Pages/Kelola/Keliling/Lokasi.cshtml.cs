using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Catalog;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Outreach;
using SatuAtap.Web.Infrastructure;

namespace SatuAtap.Web.Pages.Kelola.Keliling;

/// <summary>Creates or edits a stop of the mobile unit through <see cref="OutreachEdits"/>; its errors are shown beside each field.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class LokasiModel(OutreachEdits edits, SatuAtapDb db) : FormPageModel
{
    /// <summary>The form as typed: numbers stay text so that a bad one is shown back, not lost.</summary>
    public sealed class StopForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? DistrictCode { get; set; }
        public string? Address { get; set; }
        public string? Latitude { get; set; }
        public string? Longitude { get; set; }
        public string? Facilities { get; set; }
        public string? RoadDistanceKm { get; set; }
        public string? TravelMinutes { get; set; }
    }

    [BindProperty] public StopForm Form { get; set; } = new();
    public bool IsNew { get; private set; }
    public IReadOnlyList<District> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, bool disimpan, CancellationToken ct)
    {
        IsNew = id == "baru";
        if (!IsNew)
        {
            if (!Guid.TryParse(id, out var guid)) return NotFound();
            var stop = await db.MobileStops.AsNoTracking().FirstOrDefaultAsync(s => s.Id == guid, ct);
            if (stop is null) return NotFound();
            Form = new StopForm
            {
                Code = stop.Code, Name = stop.Name, DistrictCode = stop.DistrictCode, Address = stop.Address, Facilities = stop.Facilities,
                Latitude = stop.Latitude?.ToString(CultureInfo.InvariantCulture), Longitude = stop.Longitude?.ToString(CultureInfo.InvariantCulture),
                RoadDistanceKm = stop.RoadDistanceKm.ToString(CultureInfo.InvariantCulture), TravelMinutes = stop.TravelMinutes.ToString(CultureInfo.InvariantCulture),
            };
        }
        ShowSaved(disimpan);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        IsNew = id == "baru";
        Guid? existing = null;
        if (!IsNew)
        {
            if (!Guid.TryParse(id, out var guid)) return NotFound();
            existing = guid;
        }
        var errors = new FieldErrors();
        var request = new StopRequest(Form.Code, Form.Name, Form.DistrictCode, Form.Address,
            Number(errors, "latitude", Form.Latitude), Number(errors, "longitude", Form.Longitude), Form.Facilities,
            Number(errors, "roadDistanceKm", Form.RoadDistanceKm), (int?)Whole(errors, "travelMinutes", Form.TravelMinutes));
        Outcome<StopView> outcome = errors.Any
            ? Outcome<StopView>.Invalid(errors.ToDictionary())
            : await edits.SaveStopAsync(existing, request, HttpContext.Caller(), ct);
        if (Settle(outcome, stop => $"/kelola/keliling/lokasi/{stop.Id}?disimpan=true") is { } answer) return answer;
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>A decimal number as typed (a point or a comma); empty means none.</summary>
    internal static double? Number(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        errors.Add(field, Lang.T("Harus berupa angka.", "Must be a number."));
        return null;
    }

    /// <summary>A whole number as typed; empty means none.</summary>
    internal static int? Whole(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, Lang.T("Harus berupa bilangan bulat.", "Must be a whole number."));
        return null;
    }

    private async Task LoadChoicesAsync(CancellationToken ct) =>
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct);
}
