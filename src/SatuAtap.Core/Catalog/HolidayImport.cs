using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SatuAtap.Core.Common;
using SatuAtap.Core.Data;

namespace SatuAtap.Core.Catalog;

/// <summary>
/// Imports a holiday list in the shape of <c>holidays-id.csv</c> (<c>date,kind,name_id,name_en</c>): new days are
/// added, existing days corrected. A bad line stops the whole import with its line number; nothing half-done.
/// </summary>
public static class HolidayImport
{
    public sealed record Result(int Added, int Updated);

    public sealed class FormatException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    public static List<Holiday> Parse(TextReader reader)
    {
        var list = new List<Holiday>();
        var first = true;
        foreach (var (lineNo, cells) in Rows(reader))
        {
            if (first && cells[0].Trim().Equals("date", StringComparison.OrdinalIgnoreCase)) { first = false; continue; }
            first = false;
            if (cells.Length < 3)
                throw new FormatException(lineNo, Lang.T($"Baris {lineNo}: harus berisi tanggal, jenis, dan nama.", $"Line {lineNo}: needs date, kind and name."));
            if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new FormatException(lineNo, Lang.T($"Baris {lineNo}: tanggal '{cells[0]}' harus berformat YYYY-MM-DD.", $"Line {lineNo}: date '{cells[0]}' must be YYYY-MM-DD."));
            if (Holiday.ParseKind(cells[1].Trim()) is not { } kind)
                throw new FormatException(lineNo, Lang.T($"Baris {lineNo}: jenis harus 'national' atau 'collective_leave'.", $"Line {lineNo}: kind must be 'national' or 'collective_leave'."));
            var name = cells[2].Trim();
            if (name.Length == 0)
                throw new FormatException(lineNo, Lang.T($"Baris {lineNo}: nama wajib diisi.", $"Line {lineNo}: name is required."));
            list.Add(new Holiday { Date = date, Kind = kind, Name = name, NameEn = cells.Length > 3 ? cells[3].Trim() : null });
        }
        return list;
    }

    public static async Task<Result> ImportAsync(SatuAtapDb db, IEnumerable<Holiday> holidays, CancellationToken ct = default)
    {
        var incoming = holidays.GroupBy(h => h.Date).Select(g => g.Last()).ToList();
        var dates = incoming.Select(h => h.Date).ToList();
        var existing = await db.Holidays.Where(h => dates.Contains(h.Date)).ToDictionaryAsync(h => h.Date, ct);
        int added = 0, updated = 0;
        foreach (var h in incoming)
        {
            if (existing.TryGetValue(h.Date, out var old))
            {
                if (old.Kind == h.Kind && old.Name == h.Name && old.NameEn == h.NameEn) continue;
                old.Kind = h.Kind; old.Name = h.Name; old.NameEn = h.NameEn;
                updated++;
            }
            else
            {
                db.Holidays.Add(h);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new Result(added, updated);
    }

    /// <summary>The rows of the CSV; malformed quoting is reported as a bad line.</summary>
    private static IEnumerable<CsvRows.Row> Rows(TextReader reader)
    {
        using var rows = CsvRows.Read(reader).GetEnumerator();
        while (true)
        {
            try
            {
                if (!rows.MoveNext()) yield break;
            }
            catch (CsvRows.MalformedException e)
            {
                throw new FormatException(e.Line, Lang.T($"Baris {e.Line}: tanda kutip tidak ditutup dengan benar.", $"Line {e.Line}: a quote is not closed properly."));
            }
            yield return rows.Current;
        }
    }
}
