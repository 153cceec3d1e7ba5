using SatuAtap.Core.Common;

namespace SatuAtap.Core.Licensing;

public enum PermitGroup { Business, Basic, Supporting }

/// <summary>Where an item is done: in the national OSS system (with the mall's assistance) or through a mall service.</summary>
public enum PermitPlace { Oss, Mall }

/// <summary>
/// A kind of permit the navigator can name. The kinds are the categories of risk-based licensing (the business
/// permit by risk level, the basic requirements, the supporting permits); which activity needs which is data (the
/// activity table). <see cref="ServiceCode"/> is the catalog service through which it is applied for or assisted, and
/// gives the agency, cost, time and documents.
/// </summary>
public sealed record PermitKind(string Code, string Name, string NameEn, PermitGroup Group, PermitPlace Place, string ServiceCode)
{
    public string DisplayName => Lang.Pick(Name, NameEn);
}

public static class PermitKinds
{
    public const string Nib = "NIB";
    public const string StandardSelfDeclared = "SS-SELF";
    public const string StandardVerified = "SS-VERIFIED";
    public const string Permit = "PERMIT";
    public const string SpatialSelfDeclared = "KKPR-UMK";
    public const string Spatial = "KKPR";
    public const string EnvironmentStatement = "SPPL";
    public const string EnvironmentManagement = "UKL-UPL";
    public const string Building = "PBG";
    public const string BuildingFitness = "SLF";

    public static readonly IReadOnlyList<PermitKind> All =
    [
        new(Nib, "Nomor Induk Berusaha (NIB)", "Business identification number (NIB)", PermitGroup.Business, PermitPlace.Oss, "PTSP-NIB"),
        new(StandardSelfDeclared, "Sertifikat Standar (pernyataan mandiri)", "Standard certificate (self-declared)", PermitGroup.Business, PermitPlace.Oss, "PTSP-NIB"),
        new(StandardVerified, "Sertifikat Standar terverifikasi", "Verified standard certificate", PermitGroup.Business, PermitPlace.Oss, "PTSP-PB"),
        new(Permit, "Izin usaha", "Business permit", PermitGroup.Business, PermitPlace.Oss, "PTSP-PB"),
        new(SpatialSelfDeclared, "KKPR: pernyataan mandiri kesesuaian ruang (usaha mikro dan kecil)", "Spatial suitability: self-declaration (micro and small businesses)", PermitGroup.Basic, PermitPlace.Oss, "PTSP-NIB"),
        new(Spatial, "Konfirmasi Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)", "Spatial suitability confirmation (KKPR)", PermitGroup.Basic, PermitPlace.Mall, "PTSP-KKPR"),
        new(EnvironmentStatement, "Persetujuan lingkungan: SPPL (surat pernyataan)", "Environmental approval: SPPL (statement)", PermitGroup.Basic, PermitPlace.Oss, "PTSP-NIB"),
        new(EnvironmentManagement, "Persetujuan lingkungan: UKL-UPL", "Environmental approval: UKL-UPL", PermitGroup.Basic, PermitPlace.Oss, "PTSP-PB"),
        new(Building, "Persetujuan Bangunan Gedung (PBG)", "Building approval (PBG)", PermitGroup.Basic, PermitPlace.Mall, "PTSP-PBG"),
        new(BuildingFitness, "Sertifikat Laik Fungsi (SLF)", "Certificate of building fitness (SLF)", PermitGroup.Basic, PermitPlace.Mall, "PTSP-SLF"),
        new("SPP-IRT", "Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)", "Home-industry food production certificate (SPP-IRT)", PermitGroup.Supporting, PermitPlace.Mall, "PTSP-SPPIRT"),
        new("HALAL", "Sertifikat halal (pernyataan mandiri)", "Halal certificate (self-declared)", PermitGroup.Supporting, PermitPlace.Mall, "KMG-HALAL"),
        new("SLHS", "Sertifikat Laik Higiene Sanitasi (SLHS)", "Hygiene and sanitation certificate (SLHS)", PermitGroup.Supporting, PermitPlace.Mall, "KES-SLHS"),
        new("PKP", "Sertifikat Penyuluhan Keamanan Pangan (PKP)", "Food safety training certificate (PKP)", PermitGroup.Supporting, PermitPlace.Mall, "KES-PKP"),
    ];

    private static readonly Dictionary<string, PermitKind> ByCode = All.ToDictionary(k => k.Code, StringComparer.OrdinalIgnoreCase);

    public static PermitKind? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code.Trim());

    public static PermitKind Get(string code) => ByCode[code];

    public static IEnumerable<string> SupportingCodes => All.Where(k => k.Group == PermitGroup.Supporting).Select(k => k.Code);
}
