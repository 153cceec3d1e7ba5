namespace SatuAtap.Core.Applications;

/// <summary>How a name is shown to someone who may not see it: <c>Budi Santoso</c> → <c>B*** S******</c>.</summary>
public static class NameMask
{
    public static string Mask(string? name) =>
        string.Join(' ', (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length <= 1 ? w : w[0] + new string('*', w.Length - 1)));
}
