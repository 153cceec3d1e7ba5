using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SiteOpeningHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QueueSiteHours",
                columns: table => new
                {
                    Weekday = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Opens = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Closes = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueSiteHours", x => new { x.SiteId, x.Weekday });
                    table.CheckConstraint("CK_QueueSiteHours_Weekday", "\"Weekday\" BETWEEN 1 AND 7");
                    table.ForeignKey(
                        name: "FK_QueueSiteHours_QueueSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "QueueSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QueueSiteHours");
        }
    }
}
