/**
 * Neural-mass models used as EEG-like sources: the Jansen-Rit cortical column ({@link
 * io.chaoscast.models.neural.JansenRit}) and a seeded stochastic generator ({@link
 * io.chaoscast.models.neural.JansenRitGenerator}) that can switch between background alpha activity
 * and seizure-like spiking mid-stream.
 */
package io.chaoscast.models.neural;
