using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InsightsWaitBuckets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The waits move from a text column of the kept day rows to rows of their own (InsightWaits). The kept
            // rows are deleted rather than converted: the Insights job keeps every closed day not kept yet on its next
            // run, so it builds them again from the records, waits included.
            migrationBuilder.Sql("DELETE FROM \"InsightDays\";");

            migrationBuilder.DropColumn(
                name: "Waits",
                table: "InsightDays");

            migrationBuilder.CreateTable(
                name: "InsightWaits",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    District = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Minute = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightWaits", x => new { x.Day, x.AgencyId, x.SiteId, x.ServiceId, x.District, x.Minute });
                });

            migrationBuilder.CreateIndex(
                name: "IX_InsightWaits_AgencyId_Day",
                table: "InsightWaits",
                columns: new[] { "AgencyId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InsightWaits");

            migrationBuilder.AddColumn<string>(
                name: "Waits",
                table: "InsightDays",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");
        }
    }
}
