using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

/// <summary>The codes of <see cref="ProductKind"/> in the API and what each kind means for the applicant.</summary>
public static class ProductKinds
{
    public static readonly IReadOnlyList<string> Codes = ["document", "card", "item", "letter"];

    public static string Code(ProductKind k) => k.ToString().ToLowerInvariant();

    /// <summary>The kind from its code (<c>document</c>, <c>card</c>, <c>item</c>, <c>letter</c>); null when unknown.</summary>
    public static ProductKind? Parse(string? code) => code switch
    {
        "document" => ProductKind.Document,
        "card" => ProductKind.Card,
        "item" => ProductKind.Item,
        "letter" => ProductKind.Letter,
        _ => null,
    };

    /// <summary>A card or an item is collected at a counter; a document or a letter is given as a file.</summary>
    public static bool IsCollected(ProductKind k) => k is ProductKind.Card or ProductKind.Item;

    public static string Label(ProductKind k) => k switch
    {
        ProductKind.Card => Lang.T("Kartu, diambil di loket", "Card, collected at the counter"),
        ProductKind.Item => Lang.T("Barang/dokumen fisik, diambil di loket", "Physical item, collected at the counter"),
        ProductKind.Letter => Lang.T("Surat keputusan", "Decision letter"),
        _ => Lang.T("Dokumen elektronik, diunduh", "Electronic document, downloaded"),
    };

    /// <summary>What the applicant gets, in words: "Kartu KTP-el, diambil di loket".</summary>
    public static string Describe(ProductKind k, string product) => k switch
    {
        // "Kartu KTP-el", but not "Kartu Kartu Identitas Anak".
        ProductKind.Card => Lang.T(
            (product.StartsWith("kartu", StringComparison.OrdinalIgnoreCase) ? product : "Kartu " + product) + ", diambil di loket",
            (product.Contains("card", StringComparison.OrdinalIgnoreCase) ? product : product + " card") + ", collected at the counter"),
        ProductKind.Item => Lang.T($"{product}, diambil di loket", $"{product}, collected at the counter"),
        _ => product,
    };
}
