using SatuAtap.Core.Common;

namespace SatuAtap.Core.Licensing;

/// <summary>The risk levels of risk-based licensing (PP 5/2021, PP 28/2025), lowest first.</summary>
public enum RiskLevel { Low, MediumLow, MediumHigh, High }

/// <summary>Business scales by capital excluding land and buildings.</summary>
public enum BusinessScale { Micro, Small, Medium, Large }

public static class RiskCodes
{
    public const long MicroMaxRupiah = 1_000_000_000;
    public const long SmallMaxRupiah = 5_000_000_000;
    public const long MediumMaxRupiah = 10_000_000_000;

    /// <summary>Micro up to Rp 1 billion, small up to Rp 5 billion, medium up to Rp 10 billion, large above.</summary>
    public static BusinessScale ScaleOf(long capitalRupiah) => capitalRupiah switch
    {
        <= MicroMaxRupiah => BusinessScale.Micro,
        <= SmallMaxRupiah => BusinessScale.Small,
        <= MediumMaxRupiah => BusinessScale.Medium,
        _ => BusinessScale.Large,
    };

    public static string Code(RiskLevel r) => r switch
    {
        RiskLevel.Low => "low",
        RiskLevel.MediumLow => "medium-low",
        RiskLevel.MediumHigh => "medium-high",
        _ => "high",
    };

    public static RiskLevel? ParseRisk(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "low" => RiskLevel.Low,
        "medium-low" => RiskLevel.MediumLow,
        "medium-high" => RiskLevel.MediumHigh,
        "high" => RiskLevel.High,
        _ => null,
    };

    public static string Label(RiskLevel r) => r switch
    {
        RiskLevel.Low => Lang.T("Rendah", "Low"),
        RiskLevel.MediumLow => Lang.T("Menengah rendah", "Medium-low"),
        RiskLevel.MediumHigh => Lang.T("Menengah tinggi", "Medium-high"),
        _ => Lang.T("Tinggi", "High"),
    };

    public static string Code(BusinessScale s) => s switch
    {
        BusinessScale.Micro => "micro",
        BusinessScale.Small => "small",
        BusinessScale.Medium => "medium",
        _ => "large",
    };

    public static string Label(BusinessScale s) => s switch
    {
        BusinessScale.Micro => Lang.T("Usaha mikro", "Micro business"),
        BusinessScale.Small => Lang.T("Usaha kecil", "Small business"),
        BusinessScale.Medium => Lang.T("Usaha menengah", "Medium business"),
        _ => Lang.T("Usaha besar", "Large business"),
    };
}
