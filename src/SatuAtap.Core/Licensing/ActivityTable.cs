using System.Globalization;
using SatuAtap.Core.Catalog.Search;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Licensing;

/// <summary>A parameter that raises an activity's risk: above <see cref="Above"/> the risk is at least <see cref="To"/>.</summary>
public sealed record RiskRaise(string Parameter, string Label, string? LabelEn, decimal Above, RiskLevel To)
{
    public string DisplayLabel => Lang.Pick(Label, LabelEn);
}

/// <summary>
/// One row of the activity table: a KBLI 2020 code, its titles and everyday words, its risk for each business scale,
/// the parameter that raises it, the supporting permits it calls for, and where the row comes from.
/// </summary>
public sealed record ActivityDefinition(
    string Kbli, string Title, string? TitleEn, IReadOnlyList<string> Synonyms, IReadOnlyList<RiskLevel> RiskByScale,
    RiskRaise? Raise, IReadOnlyList<string> Supporting, IReadOnlyList<string> SupportingHomeFood, string Source, DateOnly SourceDate)
{
    public string DisplayTitle => Lang.Pick(Title, TitleEn);

    public RiskLevel RiskAt(BusinessScale scale) => RiskByScale[(int)scale];
}

/// <summary>A bad line of an imported table: its number and what is wrong with it.</summary>
public sealed record TableLineError(int Line, string Message);

/// <summary>
/// The activity table as CSV: a header naming exactly <see cref="Columns"/> (in any order), one activity per line.
/// The whole file is checked; every bad line is reported, and a file with any bad line gives no rows at all.
/// </summary>
public static class ActivityCsv
{
    public static readonly string[] Columns =
    [
        "kbli", "title", "title_en", "synonyms", "risk_micro", "risk_small", "risk_medium", "risk_large",
        "raise_parameter", "raise_label", "raise_label_en", "raise_above", "raise_to",
        "supporting", "supporting_home_food", "source", "source_date",
    ];

    public const int MaxRows = 10_000;

    public sealed record Result(IReadOnlyList<ActivityDefinition> Rows, IReadOnlyList<TableLineError> Errors)
    {
        public bool Ok => Errors.Count == 0;
    }

    public static Result Parse(TextReader reader)
    {
        var rows = new List<ActivityDefinition>();
        var errors = new List<TableLineError>();
        Dictionary<string, int>? at = null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            foreach (var (line, cells) in CsvRows.Read(reader))
            {
                if (at is null)
                {
                    at = Header(line, cells, errors);
                    if (at is null) break;
                    continue;
                }
                if (rows.Count + errors.Count >= MaxRows)
                {
                    errors.Add(new(line, Lang.T($"Paling banyak {MaxRows} baris.", $"At most {MaxRows} rows.")));
                    break;
                }
                var row = Row(line, cells, at, errors, seen);
                if (row is not null) rows.Add(row);
            }
        }
        catch (CsvRows.MalformedException e)
        {
            errors.Add(new(e.Line, Lang.T("Tanda kutip tidak ditutup dengan benar.", "A quote is not closed properly.")));
        }
        if (at is null && errors.Count == 0) errors.Add(new(1, Lang.T("Berkas kosong: baris judul kolom tidak ada.", "The file is empty: there is no header line.")));
        if (at is not null && rows.Count == 0 && errors.Count == 0) errors.Add(new(1, Lang.T("Tabel tidak berisi kegiatan.", "The table holds no activities.")));
        return new Result(errors.Count == 0 ? rows : [], errors.OrderBy(e => e.Line).ToList());
    }

    private static Dictionary<string, int>? Header(int line, string[] cells, List<TableLineError> errors)
    {
        var names = cells.Select(c => c.Trim().ToLowerInvariant()).ToList();
        var unknown = names.Where(n => !Columns.Contains(n)).ToList();
        var missing = Columns.Where(c => !names.Contains(c)).ToList();
        var doubled = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (unknown.Count > 0)
            errors.Add(new(line, Lang.T($"Kolom tidak dikenal: {string.Join(", ", unknown)}.", $"Unknown columns: {string.Join(", ", unknown)}.")));
        if (missing.Count > 0)
            errors.Add(new(line, Lang.T($"Kolom tidak ada: {string.Join(", ", missing)}.", $"Missing columns: {string.Join(", ", missing)}.")));
        if (doubled.Count > 0)
            errors.Add(new(line, Lang.T($"Kolom ganda: {string.Join(", ", doubled)}.", $"Columns given twice: {string.Join(", ", doubled)}.")));
        return unknown.Count + missing.Count + doubled.Count > 0 ? null : names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);
    }

    private static ActivityDefinition? Row(int line, string[] cells, Dictionary<string, int> at, List<TableLineError> errors, Dictionary<string, int> seen)
    {
        var problems = new List<string>();
        string Cell(string name) => at[name] < cells.Length ? cells[at[name]].Trim() : "";
        if (cells.Length != at.Count)
            problems.Add(Lang.T($"berisi {cells.Length} kolom, seharusnya {at.Count}", $"has {cells.Length} columns instead of {at.Count}"));

        var kbli = Cell("kbli");
        if (!IsKbli(kbli)) problems.Add(Lang.T($"kbli '{kbli}' harus 5 angka", $"kbli '{kbli}' must be 5 digits"));
        else if (seen.TryGetValue(kbli, out var first)) problems.Add(Lang.T($"kbli {kbli} sudah ada di baris {first}", $"kbli {kbli} is already on line {first}"));
        else seen[kbli] = line;
        var title = Cell("title");
        if (title.Length is 0 or > 300) problems.Add(Lang.T("title wajib diisi (paling banyak 300 karakter)", "title is required (at most 300 characters)"));
        var titleEn = Cell("title_en");
        if (titleEn.Length > 300) problems.Add(Lang.T("title_en paling banyak 300 karakter", "title_en has at most 300 characters"));

        var risks = new List<RiskLevel>();
        foreach (var column in new[] { "risk_micro", "risk_small", "risk_medium", "risk_large" })
        {
            if (RiskCodes.ParseRisk(Cell(column)) is { } r) risks.Add(r);
            else problems.Add(Lang.T($"{column} '{Cell(column)}' harus low, medium-low, medium-high, atau high",
                $"{column} '{Cell(column)}' must be low, medium-low, medium-high or high"));
        }

        RiskRaise? raise = null;
        var parameter = Cell("raise_parameter");
        if (parameter.Length > 0)
        {
            var ok = true;
            if (!parameter.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') || parameter.Length > 40)
            {
                problems.Add(Lang.T("raise_parameter hanya huruf kecil, angka, dan _", "raise_parameter takes lower-case letters, digits and _ only"));
                ok = false;
            }
            if (Cell("raise_label").Length is 0 or > 100)
            {
                problems.Add(Lang.T("raise_label wajib diisi bila ada raise_parameter", "raise_label is required with raise_parameter"));
                ok = false;
            }
            if (!decimal.TryParse(Cell("raise_above"), NumberStyles.Number, CultureInfo.InvariantCulture, out var above) || above < 0)
            {
                problems.Add(Lang.T($"raise_above '{Cell("raise_above")}' harus angka tidak negatif", $"raise_above '{Cell("raise_above")}' must be a non-negative number"));
                ok = false;
            }
            if (RiskCodes.ParseRisk(Cell("raise_to")) is not { } to)
            {
                problems.Add(Lang.T($"raise_to '{Cell("raise_to")}' harus low, medium-low, medium-high, atau high",
                    $"raise_to '{Cell("raise_to")}' must be low, medium-low, medium-high or high"));
                ok = false;
                to = RiskLevel.Low;
            }
            if (ok) raise = new RiskRaise(parameter, Cell("raise_label"), NullIfEmpty(Cell("raise_label_en")), above, to);
        }
        else if (Cell("raise_above").Length > 0 || Cell("raise_to").Length > 0)
        {
            problems.Add(Lang.T("raise_above dan raise_to hanya diisi bersama raise_parameter", "raise_above and raise_to need raise_parameter"));
        }

        var supporting = Codes(Cell("supporting"), "supporting", problems);
        var homeFood = Codes(Cell("supporting_home_food"), "supporting_home_food", problems);
        var source = Cell("source");
        if (source.Length is 0 or > 200) problems.Add(Lang.T("source wajib diisi (paling banyak 200 karakter)", "source is required (at most 200 characters)"));
        if (!DateOnly.TryParseExact(Cell("source_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            problems.Add(Lang.T($"source_date '{Cell("source_date")}' harus berformat YYYY-MM-DD", $"source_date '{Cell("source_date")}' must be YYYY-MM-DD"));

        if (problems.Count > 0)
        {
            errors.Add(new(line, Lang.T($"Baris {line}: ", $"Line {line}: ") + string.Join("; ", problems) + "."));
            return null;
        }
        var synonyms = Cell("synonyms").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        return new ActivityDefinition(kbli, title, NullIfEmpty(titleEn), synonyms, risks, raise, supporting, homeFood, source, date);
    }

    private static List<string> Codes(string cell, string column, List<string> problems)
    {
        var codes = cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).Distinct().ToList();
        var unknown = codes.Where(c => PermitKinds.Find(c) is not { Group: PermitGroup.Supporting }).ToList();
        if (unknown.Count > 0)
            problems.Add(Lang.T($"{column}: izin pendukung tidak dikenal {string.Join(", ", unknown)} (yang dikenal: {string.Join(", ", PermitKinds.SupportingCodes)})",
                $"{column}: unknown supporting permits {string.Join(", ", unknown)} (known: {string.Join(", ", PermitKinds.SupportingCodes)})"));
        return codes;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    public static bool IsKbli(string? s) => s is { Length: 5 } && s.All(char.IsAsciiDigit);
}

/// <summary>
/// Search over the activity table by everyday words or by KBLI code, and the close matches of an unknown code. Built
/// once per table: the entries in code order, and for every word of their titles and everyday words the set of entries
/// holding it (a bit per entry), the words sorted so that the words starting with what was typed are one range.
/// </summary>
public sealed class ActivityIndex
{
    private readonly List<(ActivityDefinition Activity, string Text)> _entries;
    private readonly string[] _words;
    private readonly ulong[][] _holders;
    private readonly int _blocks;

    public ActivityIndex(IEnumerable<ActivityDefinition> activities)
    {
        _entries = activities.OrderBy(a => a.Kbli, StringComparer.Ordinal)
            .Select(a => (a, " " + SearchText.Normalize(string.Join(' ', [a.Title, a.TitleEn ?? "", .. a.Synonyms])) + " "))
            .ToList();
        ByKbli = _entries.ToDictionary(e => e.Activity.Kbli, e => e.Activity, StringComparer.Ordinal);
        _blocks = (_entries.Count + 63) / 64;
        var holders = new SortedDictionary<string, ulong[]>(StringComparer.Ordinal);
        for (var i = 0; i < _entries.Count; i++)
            foreach (var word in _entries[i].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!holders.TryGetValue(word, out var bits)) holders[word] = bits = new ulong[_blocks];
                bits[i / 64] |= 1UL << (i % 64);
            }
        _words = [.. holders.Keys];
        _holders = [.. holders.Values];
    }

    public IReadOnlyDictionary<string, ActivityDefinition> ByKbli { get; }

    public int Count => _entries.Count;

    /// <summary>
    /// Activities whose code starts with the digits typed, or whose titles and everyday words hold every word typed
    /// (as a word or the start of one), in code order with those holding the whole phrase first. An empty query lists
    /// the table.
    /// </summary>
    public IReadOnlyList<ActivityDefinition> Search(string? query, int limit = 50)
    {
        var q = SearchText.Normalize(query);
        if (q.Length == 0) return _entries.Take(limit).Select(e => e.Activity).ToList();
        if (q.All(char.IsAsciiDigit))
            return _entries.Where(e => e.Activity.Kbli.StartsWith(q, StringComparison.Ordinal)).Take(limit).Select(e => e.Activity).ToList();
        ulong[]? found = null;
        foreach (var word in q.Split(' '))
        {
            var starting = Starting(word);
            if (found is null) found = starting;
            else for (var b = 0; b < _blocks; b++) found[b] &= starting[b];
        }
        var phrase = " " + q + " ";
        var whole = new List<ActivityDefinition>();
        var partial = new List<ActivityDefinition>();
        for (var b = 0; b < _blocks && whole.Count < limit; b++)
        {
            var bits = found![b];
            while (bits != 0)
            {
                var i = b * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var (activity, text) = _entries[i];
                if (text.Contains(phrase, StringComparison.Ordinal)) whole.Add(activity);
                else if (partial.Count < limit) partial.Add(activity);
            }
        }
        return whole.Concat(partial).Take(limit).ToList();
    }

    /// <summary>The entries holding a word that starts with <paramref name="prefix"/>.</summary>
    private ulong[] Starting(string prefix)
    {
        var result = new ulong[_blocks];
        var at = Array.BinarySearch(_words, prefix, StringComparer.Ordinal);
        for (var w = at < 0 ? ~at : at; w < _words.Length && _words[w].StartsWith(prefix, StringComparison.Ordinal); w++)
            for (var b = 0; b < _blocks; b++) result[b] |= _holders[w][b];
        return result;
    }

    /// <summary>Codes close to an unknown one: those sharing its longest leading digits, then those one digit away.</summary>
    public IReadOnlyList<ActivityDefinition> CloseTo(string? kbli, int limit = 5)
    {
        var k = (kbli ?? "").Trim();
        if (k.Length == 0) return [];
        for (var prefix = Math.Min(k.Length, 4); prefix >= 2; prefix--)
        {
            var p = k[..prefix];
            var found = _entries.Where(e => e.Activity.Kbli.StartsWith(p, StringComparison.Ordinal)).Take(limit).Select(e => e.Activity).ToList();
            if (found.Count > 0) return found;
        }
        return _entries.Where(e => SearchText.Distance(e.Activity.Kbli, k, 1) <= 1).Take(limit).Select(e => e.Activity).ToList();
    }
}
