/**
 * The contract every part of the running server implements ({@link dev.corral.server.service.Service})
 * and the ordered list that starts and stops them ({@link dev.corral.server.service.Services}).
 */
package dev.corral.server.service;
