namespace SatuAtap.Core.Tests.Architecture;

/// <summary>
/// The modules and the direction in which they may use each other. Core's modules are checked against it by
/// <c>ModuleDependencyTests</c>; the web folders of the same names (SatuAtap.Web.Queue, …) follow the same table,
/// checked by the web tests.
/// </summary>
internal static class ModuleTable
{
    /// <summary>The kernel: every module may use it. Data is the one DbContext that maps every module's entities, so it
    /// is the only place that may name any module; Common names none.</summary>
    public static readonly string[] Kernel = ["Common", "Data"];

    /// <summary>Which module may use which (besides the kernel). A new module adds its row here.</summary>
    public static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Common"] = [],
        ["Identity"] = [],
        ["Catalog"] = ["Identity"],
        ["Queue"] = ["Identity", "Catalog"],
        ["Notifications"] = ["Identity", "Catalog"],
        ["Applications"] = ["Identity", "Catalog", "Queue", "Notifications"],
        ["Rights"] = ["Identity", "Catalog", "Queue", "Notifications", "Applications"],
        ["Outreach"] = ["Identity", "Catalog", "Queue", "Notifications", "Applications"],
        ["Feedback"] = ["Identity", "Catalog", "Queue", "Notifications", "Applications"],
        ["Licensing"] = ["Identity", "Catalog", "Notifications", "Applications"],
        ["Insights"] = ["Identity", "Catalog", "Queue", "Notifications", "Applications", "Outreach", "Feedback", "Licensing"],
    };
}
