using Microsoft.AspNetCore.Identity;

namespace SatuAtap.Core.Identity;

public sealed class User : IdentityUser<Guid>
{
    public User() => Id = Guid.CreateVersion7();

    public string FullName { get; set; } = "";
    /// <summary>The agency an officer or agency head belongs to; null for citizens and mall-wide staff.</summary>
    public Guid? AgencyId { get; set; }
    /// <summary><c>id</c> or <c>en</c>: the language of messages sent to this person.</summary>
    public string PreferredLanguage { get; set; } = "id";
}

public sealed class Role : IdentityRole<Guid>
{
    public Role() => Id = Guid.CreateVersion7();
    public Role(string name) : this() { Name = name; NormalizedName = name.ToUpperInvariant(); }
}

/// <summary>The roles of the mall. Officers and agency heads are bound to one agency (<see cref="User.AgencyId"/>).</summary>
public static class Roles
{
    public const string Citizen = "citizen";
    public const string Officer = "officer";
    public const string AgencyHead = "agency-head";
    public const string Manager = "manager";
    public const string Executive = "executive";
    public const string Administrator = "administrator";

    public static readonly string[] All = [Citizen, Officer, AgencyHead, Manager, Executive, Administrator];
    public static readonly string[] Staff = [Officer, AgencyHead, Manager, Executive, Administrator];

    public static string Label(string role) => role switch
    {
        Citizen => Common.Lang.T("Warga", "Citizen"),
        Officer => Common.Lang.T("Petugas", "Officer"),
        AgencyHead => Common.Lang.T("Kepala instansi", "Agency head"),
        Manager => Common.Lang.T("Pengelola MPP", "Mall manager"),
        Executive => Common.Lang.T("Pimpinan", "Executive viewer"),
        Administrator => Common.Lang.T("Administrator", "Administrator"),
        _ => role,
    };
}

/// <summary>Claim types the mall adds to a signed-in principal.</summary>
public static class SatuAtapClaims
{
    public const string AgencyId = "satuatap:agency";
    public const string FullName = "satuatap:name";
}
