using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SatuAtap.Bench;

/// <summary>One row of the insert baseline: about the shape of a ticket or an application header.</summary>
public sealed class BaselineRow
{
    public Guid Id { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string Reference { get; set; } = "";
    public string Payload { get; set; } = "";
}

public sealed class BaselineDb(DbContextOptions<BaselineDb> options) : DbContext(options)
{
    public DbSet<BaselineRow> Rows => Set<BaselineRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BaselineRow>(e =>
        {
            e.ToTable("baseline_rows");
            e.Property(r => r.Reference).HasMaxLength(40);
            e.HasIndex(r => r.Reference).IsUnique();
        });
    }
}

/// <summary>
/// The "same insert done directly with EF Core" baseline: a bare Kestrel endpoint in the harness process that takes a
/// small JSON body and inserts one row with EF Core (a scoped DbContext, one SaveChanges, like the mall) into a
/// database of its own on the same engine, driven by the same wrk settings. A write scenario's ratio to it is the
/// cost of the mall's pipeline and rules on top of the unavoidable HTTP + EF Core + database work.
/// </summary>
public sealed class InsertBaseline : IAsyncDisposable
{
    public const string Path = "/insert";
    public static readonly LoadRequest Request = new(Path, "POST", """{"payload":"baseline insert: one row, like one ticket"}""", "application/json");

    private readonly WebApplication _app;
    public Uri BaseUri { get; }

    private InsertBaseline(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public static async Task<InsertBaseline> StartAsync(Database db, CancellationToken ct)
    {
        var port = MallProcess.FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        if (db.IsPostgres) builder.Services.AddDbContext<BaselineDb>(o => o.UseNpgsql(db.BaselineConnectionString));
        else builder.Services.AddDbContext<BaselineDb>(o => o.UseSqlite(db.BaselineConnectionString));
        var app = builder.Build();
        app.MapPost(Path, async (InsertBody body, BaselineDb ctx, CancellationToken token) =>
        {
            var row = new BaselineRow
            {
                Id = Guid.CreateVersion7(),
                CreatedAtUtc = DateTime.UtcNow,
                Reference = Guid.NewGuid().ToString("N"),
                Payload = body.Payload ?? "",
            };
            ctx.Rows.Add(row);
            await ctx.SaveChangesAsync(token);
            return Results.Created($"{Path}/{row.Id}", new InsertReply(row.Id, row.Reference));
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ctx = scope.ServiceProvider.GetRequiredService<BaselineDb>();
            if (!db.IsPostgres) await ctx.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); // as the mall does
            // A table of the harness's own, not the mall's schema: created directly, no migrations needed.
            await ctx.Database.ExecuteSqlRawAsync(ctx.Database.GenerateCreateScript().Replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")
                .Replace("CREATE UNIQUE INDEX", "CREATE UNIQUE INDEX IF NOT EXISTS"), ct);
        }
        await app.StartAsync(ct);
        return new InsertBaseline(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BaselineDb>().Rows.LongCountAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}

public sealed record InsertBody(string? Payload);
public sealed record InsertReply(Guid Id, string Reference);
