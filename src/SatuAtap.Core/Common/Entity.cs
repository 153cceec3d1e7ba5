namespace SatuAtap.Core.Common;

/// <summary>
/// Ids are UUIDv7: time-ordered, so indexes stay compact, and unique without a central counter, so a mobile
/// unit working offline can create records that never collide with the mall's.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
}

/// <summary>An entity whose changes are written to the audit log (who, when, before and after).</summary>
public interface IAudited;

/// <summary>
/// An entity edited by people through forms and the API: <see cref="Version"/> changes on every save, and a
/// save that carries a stale version is refused with 409 instead of silently overwriting another's edit.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
