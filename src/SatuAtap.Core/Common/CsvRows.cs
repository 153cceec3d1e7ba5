using CsvHelper;

namespace SatuAtap.Core.Common;

/// <summary>
/// Reads comma-separated text (RFC 4180: quoted fields may hold commas, quotes written twice and line breaks) into
/// rows of cells, each with the line of the input it starts on. A leading byte order mark is ignored; lines that
/// are empty or hold only spaces are skipped. Malformed quoting throws <see cref="CsvRows.MalformedException"/>.
/// </summary>
public static class CsvRows
{
    public readonly record struct Row(int Line, string[] Cells);

    public sealed class MalformedException(int line, Exception inner) : Exception($"Malformed CSV at line {line}.", inner)
    {
        public int Line { get; } = line;
    }

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
    };

    public static IEnumerable<Row> Read(TextReader text)
    {
        using var csv = CsvReader.Create(text, Options, true);
        var first = true;
        while (true)
        {
            try
            {
                if (!csv.Read()) yield break;
            }
            catch (CsvFormatException e)
            {
                throw new MalformedException((int)e.LineNumber, e);
            }
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i);
            if (first && cells.Length > 0) cells[0] = cells[0].TrimStart('\uFEFF');
            first = false;
            if (cells.Length == 1 && string.IsNullOrWhiteSpace(cells[0])) continue;
            yield return new Row((int)csv.LineNumber, cells);
        }
    }
}
