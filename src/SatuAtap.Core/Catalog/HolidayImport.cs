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
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = SplitCsv(line);
            if (lineNo == 1 && cells[0].Trim().Equals("date", StringComparison.OrdinalIgnoreCase)) continue;
            if (cells.Count < 3)
                throw new FormatException(lineNo, Lang.T($"Baris {lineNo}: harus berisi tanggal, jenis, dan nama.", $"Line {lineNo}: needs date, kind and name."));
            if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new FormatException(lineNo, Lang.T($"Baris {lineNo}: tanggal '{cells[0]}' harus berformat YYYY-MM-DD.", $"Line {lineNo}: date '{cells[0]}' must be YYYY-MM-DD."));
            if (Holiday.ParseKind(cells[1].Trim()) is not { } kind)
                throw new FormatException(lineNo, Lang.T($"Baris {lineNo}: jenis harus 'national' atau 'collective_leave'.", $"Line {lineNo}: kind must be 'national' or 'collective_leave'."));
            var name = cells[2].Trim();
            if (name.Length == 0)
                throw new FormatException(lineNo, Lang.T($"Baris {lineNo}: nama wajib diisi.", $"Line {lineNo}: name is required."));
            list.Add(new Holiday { Date = date, Kind = kind, Name = name, NameEn = cells.Count > 3 ? cells[3].Trim() : null });
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

    internal static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        cells.Add(sb.ToString());
        return cells;
    }
}
