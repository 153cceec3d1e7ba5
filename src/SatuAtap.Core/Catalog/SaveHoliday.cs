using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;
using SatuAtap.Core.Identity;

namespace SatuAtap.Core.Catalog;

public sealed record HolidayDocument(DateOnly? Date, string? Kind, string? Name, string? NameEn, Guid? Version);

/// <summary>The holiday calendar is the managers' to keep: add a day, correct it, remove it, or import a decree's list.</summary>
public sealed class SaveHoliday(SatuAtapDb db, CatalogCache cache)
{
    public async Task<Outcome<DateOnly>> HandleAsync(DateOnly? existingDate, HolidayDocument doc, Caller editor, CancellationToken ct = default)
    {
        if (!editor.IsManager) return Outcome<DateOnly>.Forbidden();
        Holiday? h = null;
        if (existingDate is { } d)
        {
            h = await db.Holidays.FirstOrDefaultAsync(x => x.Date == d, ct);
            if (h is null) return Outcome<DateOnly>.NotFound();
        }
        var e = new FieldErrors();
        if (doc.Date is null) e.Add("date", Lang.T("Tanggal wajib diisi (YYYY-MM-DD).", "The date is required (YYYY-MM-DD)."));
        var kind = Holiday.ParseKind(doc.Kind);
        if (kind is null) e.Add("kind", Lang.T("Harus 'national' atau 'collective_leave'.", "Must be 'national' or 'collective_leave'."));
        e.Required("name", doc.Name, 200);
        e.Optional("nameEn", doc.NameEn, 200);
        if (h is not null && doc.Date != h.Date) e.Add("date", Lang.T("Tanggal tidak dapat diubah; hapus lalu tambahkan hari baru.", "The date cannot change; delete the day and add a new one."));
        if (h is null && doc.Date is { } nd && await db.Holidays.AnyAsync(x => x.Date == nd, ct))
            e.Add("date", Lang.T("Tanggal ini sudah ada di kalender.", "This date is already in the calendar."));
        if (h is not null && doc.Version is null) e.Add("version", Lang.T("Versi (token konkurensi) wajib dikirim.", "The version (concurrency token) is required."));
        if (e.Any) return Outcome<DateOnly>.Invalid(e.ToDictionary());
        if (h is null)
        {
            h = new Holiday { Date = doc.Date!.Value, Name = "" };
            db.Holidays.Add(h);
        }
        else
        {
            if (doc.Version != h.Version) return Outcome<DateOnly>.StaleVersion();
            db.Entry(h).Property(x => x.Version).OriginalValue = doc.Version!.Value;
            h.Version = Guid.NewGuid();
        }
        h.Kind = kind!.Value; h.Name = doc.Name!.Trim(); h.NameEn = CatalogEdits.Blank(doc.NameEn);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<DateOnly>.StaleVersion();
        }
        cache.Invalidate();
        return existingDate is null ? Outcome<DateOnly>.Created(h.Date) : Outcome<DateOnly>.Ok(h.Date);
    }

    public async Task<Outcome<DateOnly>> DeleteAsync(DateOnly date, Caller editor, CancellationToken ct = default)
    {
        if (!editor.IsManager) return Outcome<DateOnly>.Forbidden();
        var h = await db.Holidays.FirstOrDefaultAsync(x => x.Date == date, ct);
        if (h is null) return Outcome<DateOnly>.NotFound();
        db.Holidays.Remove(h);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Outcome<DateOnly>.Ok(date);
    }

    public async Task<Outcome<HolidayImport.Result>> ImportAsync(TextReader csv, Caller editor, CancellationToken ct = default)
    {
        if (!editor.IsManager) return Outcome<HolidayImport.Result>.Forbidden();
        List<Holiday> parsed;
        try
        {
            parsed = HolidayImport.Parse(csv);
        }
        catch (HolidayImport.FormatException ex)
        {
            return Outcome<HolidayImport.Result>.Invalid($"line{ex.Line}", ex.Message);
        }
        var result = await HolidayImport.ImportAsync(db, parsed, ct);
        cache.Invalidate();
        return Outcome<HolidayImport.Result>.Ok(result);
    }
}
