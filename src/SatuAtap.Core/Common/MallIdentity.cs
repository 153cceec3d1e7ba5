using SatuAtap.Core.Common.Documents;

namespace SatuAtap.Core.Common;

/// <summary>
/// Who the mall is, from its settings (<c>Mall:*</c>): the name it signs pages, documents and messages with, in
/// Indonesian and English, a short name for narrow places (the page header, SMS), its address and contacts, and its
/// logo. Nothing about one regency is written in code; the Sukabumi demo sets these in <c>appsettings.json</c>.
/// </summary>
public sealed record MallIdentity
{
    /// <summary>The regency or city, for example <c>Kabupaten Sukabumi</c>.</summary>
    public required string Regency { get; init; }
    /// <summary>The full Indonesian name, for example <c>Mal Pelayanan Publik Kabupaten Sukabumi</c>.</summary>
    public required string Name { get; init; }
    /// <summary>The full English name, for example <c>Public Service Mall of Kabupaten Sukabumi</c>.</summary>
    public required string NameEn { get; init; }
    /// <summary>A short name for the page header and text messages, for example <c>MPP Kab. Sukabumi</c>.</summary>
    public required string ShortName { get; init; }
    public string Address { get; init; } = "";
    public string? AddressEn { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    /// <summary>The logo image (PNG or JPEG), when one is configured.</summary>
    public byte[]? Logo { get; init; }

    /// <summary>The name in the current language.</summary>
    public string DisplayName => Lang.T(Name, NameEn);

    /// <summary>The address in the current language.</summary>
    public string DisplayAddress => Lang.Pick(Address, AddressEn);

    /// <summary>Phone, email and website, those that are set, on one line.</summary>
    public string Contact => string.Join(" · ", new[] { Phone, Email, Website }.Where(c => !string.IsNullOrWhiteSpace(c)));

    /// <summary>The top of every page of a document the mall issues, in the current language.</summary>
    public Letterhead Letterhead() => new(DisplayName, DisplayAddress, Contact, Logo);

    /// <summary>The names derived from the regency where they are not set.</summary>
    public static MallIdentity For(string regency, string? name = null, string? nameEn = null, string? shortName = null) => new()
    {
        Regency = regency,
        Name = string.IsNullOrWhiteSpace(name) ? "Mal Pelayanan Publik " + regency : name,
        NameEn = string.IsNullOrWhiteSpace(nameEn) ? "Public Service Mall of " + regency : nameEn,
        ShortName = string.IsNullOrWhiteSpace(shortName) ? "MPP " + regency : shortName,
    };
}
