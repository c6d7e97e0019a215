#!/usr/bin/env tabhook
// Module 1 — Sign in.
// In Postman you signed in, then copied the token into X-Tableau-Auth and the site id into every URL.
// tabhook keeps both in the session for you.
//
//   sandbox:    tabhook run docs/workshop/01-sign-in.groovy
//   real site:  TABLEAU_PAT_SECRET=… tabhook run --server https://10ay.online.tableau.com --site mysite \
//                 --pat-name my-pat docs/workshop/01-sign-in.groovy

signIn()          // sandbox: the demo admin; real site: --pat-name (or --user) and the secret from the environment

println "signed in to  ${session.server}"
println "site          '${session.site}'  (id ${session.siteId})"
println "user id       ${session.userId}"
println "token         ${session.token}   (masked: tabhook never prints it in full)"
println "API version   ${session.apiVersion}"

expect session.signedIn, 'sign-in should leave the session signed in'
expect session.siteId ==~ /[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/, 'the site id is a LUID'
session
