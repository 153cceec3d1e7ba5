using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SurveyServedCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServedDayCounts",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Tickets = table.Column<long>(type: "bigint", nullable: false),
                    Applications = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServedDayCounts", x => new { x.Day, x.ServiceId, x.AgencyId, x.SiteKey });
                });

            migrationBuilder.CreateTable(
                name: "ServedDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServedDays", x => x.Day);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QueueTickets_Day_Status",
                table: "QueueTickets",
                columns: new[] { "Day", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedResults_IssuedAtUtc",
                table: "IssuedResults",
                column: "IssuedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ServedDayCounts_AgencyId_Day",
                table: "ServedDayCounts",
                columns: new[] { "AgencyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_ServedDayCounts_ServiceId_Day",
                table: "ServedDayCounts",
                columns: new[] { "ServiceId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_ServedDayCounts_SiteKey_Day",
                table: "ServedDayCounts",
                columns: new[] { "SiteKey", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServedDayCounts");

            migrationBuilder.DropTable(
                name: "ServedDays");

            migrationBuilder.DropIndex(
                name: "IX_QueueTickets_Day_Status",
                table: "QueueTickets");

            migrationBuilder.DropIndex(
                name: "IX_IssuedResults_IssuedAtUtc",
                table: "IssuedResults");
        }
    }
}
