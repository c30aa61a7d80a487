/**
 * Run reports: one self-contained HTML page per run (inline CSS, charts as base64 PNG drawn by XChart), so
 * the page opens anywhere without a network.
 */
package io.shape.adapters.persistence.report;
