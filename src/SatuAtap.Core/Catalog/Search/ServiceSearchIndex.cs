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

    /// <summary>A service's distinct words, as positions in the index's vocabulary.</summary>
    private sealed record Entry(Guid Id, int[] NameTokens, int[] OtherTokens);

    private readonly Entry[] _entries;
    private readonly string[] _vocabulary;
    private readonly HashSet<string> _words;
    private readonly List<string[]>[] _groups;

    /// <summary>
    /// Words of errand people put before what they need ("bikin KTP", "cara urus akta", "how to get a passport"):
    /// dropped from the front of a query, which is also searched as written.
    /// </summary>
    private static readonly HashSet<string> ErrandWords = new(StringComparer.Ordinal)
    {
        "bikin", "buat", "membuat", "urus", "mengurus", "ngurus", "cara", "daftar", "mendaftar", "perpanjang",
        "memperpanjang", "mau", "ingin", "gimana", "bagaimana", "syarat", "how", "to", "get", "apply", "for", "renew", "a", "an",
    };

    public ServiceSearchIndex(IEnumerable<Document> documents, IEnumerable<SynonymGroup> synonyms)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Intern(string? text) => SearchText.Tokens(text).Distinct()
            .Select(t => ids.TryGetValue(t, out var id) ? id : ids[t] = ids.Count).ToArray();
        _entries = documents
            .Select(d => new Entry(d.Id, Intern(d.Name + " " + d.NameEn), Intern(d.OtherText)))
            .ToArray();
        _vocabulary = new string[ids.Count];
        foreach (var (token, id) in ids) _vocabulary[id] = token;
        _words = new HashSet<string>(_vocabulary, StringComparer.Ordinal);
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
        // Services share most of their words (agency names, common terms), so how well a query word matches a
        // vocabulary word is worked out once per search and looked up for every service, not recomputed per service.
        var memo = new Dictionary<string, sbyte[]>(StringComparer.Ordinal);
        var variants = Variants(tokens)
            .Select(v => v.Select(word => memo.TryGetValue(word, out var m) ? m : memo[word] = NewMemo()).ToArray()
                .Zip(v, (m, word) => new QueryWord(word, m)).ToArray())
            .ToList();
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

    private sbyte[] NewMemo()
    {
        var memo = new sbyte[_vocabulary.Length];
        Array.Fill(memo, (sbyte)-1);
        return memo;
    }

    /// <summary>A query word with its scores against the vocabulary; -1 where not computed yet.</summary>
    private readonly record struct QueryWord(string Word, sbyte[] Memo);

    /// <summary>
    /// The query itself; without its leading errand words; with run-together words split where both halves are words
    /// of the catalog ("ktpel" → "ktp el"); and each of these with a synonym phrase swapped for one of its alternatives.
    /// </summary>
    private List<string[]> Variants(string[] tokens)
    {
        var bases = new List<string[]> { tokens };
        var start = 0;
        while (start < tokens.Length - 1 && ErrandWords.Contains(tokens[start])) start++;
        if (start > 0) bases.Add(tokens[start..]);
        foreach (var b in bases.ToList())
            if (SplitRunTogether(b) is { } split) bases.Add(split);
        var variants = new List<string[]>(bases);
        foreach (var group in _groups)
        {
            foreach (var phrase in group)
            {
                foreach (var b in bases)
                {
                    var at = IndexOf(b, phrase);
                    if (at < 0) continue;
                    foreach (var other in group)
                    {
                        if (ReferenceEquals(other, phrase)) continue;
                        variants.Add([.. b[..at], .. other, .. b[(at + phrase.Length)..]]);
                    }
                }
            }
        }
        return variants;
    }

    /// <summary>The query with each word the catalog does not know split in two known words, or null when none is.</summary>
    private string[]? SplitRunTogether(string[] tokens)
    {
        List<string>? result = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var word = tokens[i];
            string[]? parts = null;
            if (word.Length >= 4 && !_words.Contains(word))
                for (var cut = 2; cut <= word.Length - 2 && parts is null; cut++)
                    if (_words.Contains(word[..cut]) && _words.Contains(word[cut..])) parts = [word[..cut], word[cut..]];
            if (parts is null)
            {
                result?.Add(word);
                continue;
            }
            result ??= [.. tokens[..i]];
            result.AddRange(parts);
        }
        return result?.ToArray();
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
    private int Score(Entry entry, QueryWord[] query)
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

    private int WordScore(QueryWord word, int[] tokens)
    {
        var best = 0;
        foreach (var id in tokens)
        {
            int s = word.Memo[id];
            if (s < 0) word.Memo[id] = (sbyte)(s = TokenScore(word.Word, _vocabulary[id]));
            if (s == 4) return 4;
            best = Math.Max(best, s);
        }
        return best;
    }

    /// <summary>4 for the same word, 3 when the query word (3+ letters) begins it, 2 within the typo allowance, else 0.</summary>
    private static int TokenScore(string word, string token)
    {
        if (token == word) return 4;
        if (word.Length >= 3 && token.StartsWith(word, StringComparison.Ordinal)) return 3;
        var maxTypos = word.Length >= 8 ? 2 : word.Length >= 4 ? 1 : 0;
        return maxTypos > 0 && SearchText.Distance(word, token, maxTypos) <= maxTypos ? 2 : 0;
    }
}
