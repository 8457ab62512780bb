/** Online forecast skill: each forecast joined with the actuals that arrive later. */
package io.chaoscast.jobs.skill;
