namespace SatuAtap.Web.Feedback;

/// <summary>Words people search with when they want to complain: the service search then points at the complaint form.</summary>
public static class ComplaintSearch
{
    private static readonly string[] Words = ["pengaduan", "aduan", "mengadu", "keluhan", "mengeluh", "lapor", "laporan", "komplain", "complaint", "complain", "sp4n"];

    public static bool Matches(string? query) =>
        !string.IsNullOrWhiteSpace(query)
        && query.Split([' ', ',', '.', '-', '!', '?'], StringSplitOptions.RemoveEmptyEntries)
            .Any(w => Words.Contains(w.ToLowerInvariant(), StringComparer.Ordinal) || w.StartsWith("lapor", StringComparison.OrdinalIgnoreCase));
}
