namespace SatuAtap.Core.Catalog.Search;

/// <summary>
/// Finds services in the words people use: case- and accent-insensitive, tolerant of small typos, and
/// widened by the synonym list the managers keep (<c>pajak motor</c> ≈ <c>pajak kendaraan bermotor</c>).
/// Built once per catalog snapshot; searching allocates little and touches no database.
/// </summary>
public sealed class ServiceSearchIndex
{
    public sealed record Document(Guid Id, string Name, string? NameEn, string OtherText);

    public sealed record SynonymGroup(string Term, IReadOnlyList<string> Alternatives);

    private sealed record Entry(Guid Id, string[] NameTokens, string[] OtherTokens);

    private readonly Entry[] _entries;
    private readonly List<string[]>[] _groups;

    public ServiceSearchIndex(IEnumerable<Document> documents, IEnumerable<SynonymGroup> synonyms)
    {
        _entries = documents
            .Select(d => new Entry(d.Id,
                SearchText.Tokens(d.Name + " " + d.NameEn).Distinct().ToArray(),
                SearchText.Tokens(d.OtherText).Distinct().ToArray()))
            .ToArray();
        _groups = synonyms
            .Select(s => new[] { s.Term }.Concat(s.Alternatives)
                .Select(SearchText.Tokens).Where(t => t.Length > 0).ToList())
            .Where(g => g.Count > 1)
            .ToArray();
    }

    /// <summary>Ids of matching services, best match first. An empty query matches nothing.</summary>
    public IReadOnlyList<Guid> Search(string? query)
    {
        var tokens = SearchText.Tokens(query);
        if (tokens.Length == 0) return [];
        var variants = Variants(tokens);
        var scored = new List<(Guid Id, int Score)>();
        foreach (var entry in _entries)
        {
            var best = 0;
            foreach (var variant in variants)
                best = Math.Max(best, Score(entry, variant));
            if (best > 0) scored.Add((entry.Id, best));
        }
        return scored.OrderByDescending(s => s.Score).Select(s => s.Id).ToList();
    }

    /// <summary>The query itself plus every rewrite that swaps a synonym phrase for one of its alternatives.</summary>
    private List<string[]> Variants(string[] tokens)
    {
        var variants = new List<string[]> { tokens };
        foreach (var group in _groups)
        {
            foreach (var phrase in group)
            {
                var at = IndexOf(tokens, phrase);
                if (at < 0) continue;
                foreach (var other in group)
                {
                    if (ReferenceEquals(other, phrase)) continue;
                    variants.Add([.. tokens[..at], .. other, .. tokens[(at + phrase.Length)..]]);
                }
            }
        }
        return variants;
    }

    private static int IndexOf(string[] tokens, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= tokens.Length; i++)
        {
            var match = true;
            for (var j = 0; j < phrase.Length && match; j++) match = tokens[i + j] == phrase[j];
            if (match) return i;
        }
        return -1;
    }

    /// <summary>Every query word must match a word of the service; words in its name weigh more.</summary>
    private static int Score(Entry entry, string[] query)
    {
        var total = 0;
        foreach (var word in query)
        {
            var s = Math.Max(2 * WordScore(word, entry.NameTokens), WordScore(word, entry.OtherTokens));
            if (s == 0) return 0;
            total += s;
        }
        return total;
    }

    private static int WordScore(string word, string[] tokens)
    {
        var best = 0;
        var maxTypos = word.Length >= 8 ? 2 : word.Length >= 4 ? 1 : 0;
        foreach (var token in tokens)
        {
            if (token == word) return 4;
            if (word.Length >= 3 && token.StartsWith(word, StringComparison.Ordinal)) best = Math.Max(best, 3);
            else if (maxTypos > 0 && best < 2 && SearchText.Distance(word, token, maxTypos) <= maxTypos) best = 2;
        }
        return best;
    }
}
