/**
 * The sandbox: a local emulator of the Tableau REST API for webhooks and the calls that make their events happen
 * (content, users, sites, jobs and tasks, data quality warnings), with a site model, activity that fires the 22
 * webhook events, and a delivery engine that POSTs payloads with Tableau's retries and auto-disable.
 */
package io.tabhook.sandbox;
